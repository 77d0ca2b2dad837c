package dev.rustbin.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AddressFunctionsTest {

    @Test
    void hexPrintsLikeReadelf() {
        assertEquals("0x18bd0", AddressFunctions.hex(BigDecimal.valueOf(0x18bd0)));
        assertEquals("0x0", AddressFunctions.hex(BigDecimal.ZERO));
        assertEquals("0xffffffffff600000", AddressFunctions.hex(new BigDecimal("18446744073699065856")));
        assertNull(AddressFunctions.hex(null));
    }
}
