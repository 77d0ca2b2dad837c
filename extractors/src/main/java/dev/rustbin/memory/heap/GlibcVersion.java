package dev.rustbin.memory.heap;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.Section;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * The glibc release of a libc.so.6, from the banner that libc keeps in .rodata (and prints when run:
 * "GNU C Library (Debian GLIBC 2.36-9+deb12u14) stable release version 2.36.").
 */
final class GlibcVersion {

    private static final byte[] MARKER = "release version 2.".getBytes(StandardCharsets.US_ASCII);

    private GlibcVersion() {
    }

    /** The minor number (36 for 2.36), or empty when the banner is not there (not glibc's libc). */
    static OptionalInt minorOf(BinaryImage libc) {
        for (Section s : libc.sections()) {
            if (s.name().equals(".rodata")) {
                ByteBuffer bytes = libc.contentOf(s);
                int at = indexOf(bytes, MARKER);
                if (at < 0) {
                    return OptionalInt.empty();
                }
                int minor = 0;
                int digits = 0;
                for (int i = at + MARKER.length; i < bytes.limit() && Character.isDigit(bytes.get(i)) && digits < 3; i++, digits++) {
                    minor = minor * 10 + (bytes.get(i) - '0');
                }
                return digits > 0 ? OptionalInt.of(minor) : OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }

    private static int indexOf(ByteBuffer bytes, byte[] marker) {
        int last = bytes.limit() - marker.length;
        outer:
        for (int i = 0; i <= last; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (bytes.get(i + j) != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
