package dev.rustbin.format.elf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Walks the entries of an ELF note area (a NOTE section, a PT_NOTE segment of a binary or a core). */
public final class ElfNoteEntries {

    private ElfNoteEntries() {
    }

    /** Receives one note: its owner name ("GNU", "CORE", ...), type and descriptor bytes. */
    @FunctionalInterface
    public interface Visitor {
        /** False stops the walk. */
        boolean visit(String name, int type, ByteBuffer desc);
    }

    /**
     * Visits every note of {@code notes} (from 0 to its limit, in its byte order); returns the
     * offset of a note that runs past the area, or -1 when the walk ended cleanly.
     */
    public static int each(ByteBuffer notes, Visitor visitor) {
        int p = 0;
        int end = notes.limit();
        while (end - p >= 12) {
            long nameSize = notes.getInt(p) & 0xffff_ffffL;
            long descSize = notes.getInt(p + 4) & 0xffff_ffffL;
            int type = notes.getInt(p + 8);
            long descStart = p + 12L + align4(nameSize);
            long next = descStart + align4(descSize);
            if (descStart + descSize > end) {
                return p;
            }
            ByteBuffer desc = notes.slice((int) descStart, (int) descSize).order(notes.order());
            if (!visitor.visit(name(notes, p + 12, (int) nameSize), type, desc)) {
                return -1;
            }
            p = (int) Math.min(next, end);
        }
        return -1;
    }

    private static String name(ByteBuffer notes, int from, int size) {
        int length = 0;
        while (length < size && notes.get(from + length) != 0) {
            length++;
        }
        byte[] bytes = new byte[length];
        notes.get(from, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static long align4(long n) {
        return (n + 3) & ~3L;
    }
}
