package dev.rustbin.format;

import java.nio.charset.StandardCharsets;

/** Unsigned and text fields read at absolute positions of a file view; callers have checked the range. */
public final class ByteFields {

    private ByteFields() {
    }

    public static int u8(FileView view, long at) {
        return view.get(at) & 0xff;
    }

    public static int u16(FileView view, long at) {
        return view.getShort(at) & 0xffff;
    }

    public static long u32(FileView view, long at) {
        return view.getInt(at) & 0xffff_ffffL;
    }

    /** Text up to the first NUL or {@code limit}, whichever comes first (fixed-width names fill their field). */
    public static String cString(FileView view, long from, long limit) {
        long end = from;
        while (end < limit && view.get(end) != 0) {
            end++;
        }
        byte[] text = new byte[Math.toIntExact(end - from)];
        view.get(from, text);
        return new String(text, StandardCharsets.UTF_8);
    }
}
