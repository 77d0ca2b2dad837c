package dev.rustbin.functions;

import java.math.BigDecimal;

/** SQL functions for addresses and sizes, which rustbin stores as unsigned 64-bit numbers. */
public final class AddressFunctions {

    private AddressFunctions() {
    }

    /** {@code hex(address)}: "0x" and lower-case hex digits, as readelf and gdb print addresses; NULL stays NULL. */
    public static String hex(BigDecimal value) {
        if (value == null) {
            return null;
        }
        return "0x" + value.toBigIntegerExact().toString(16);
    }
}
