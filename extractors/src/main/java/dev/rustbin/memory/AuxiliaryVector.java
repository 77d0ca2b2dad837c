package dev.rustbin.memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/** The auxiliary vector as the kernel lays it out (a core's NT_AUXV, /proc/PID/auxv): 64-bit type/value pairs up to AT_NULL. */
public final class AuxiliaryVector {

    private AuxiliaryVector() {
    }

    /** AT_* type to value, in the order the kernel wrote them. */
    public static Map<Long, Long> parse(ByteBuffer bytes) {
        ByteBuffer le = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        Map<Long, Long> auxv = new LinkedHashMap<>();
        for (int p = 0; p + 16 <= le.limit(); p += 16) {
            long key = le.getLong(p);
            if (key == 0) {
                break;
            }
            auxv.put(key, le.getLong(p + 8));
        }
        return auxv;
    }
}
