package dev.rustbin.format.elf;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Finds the GNU build id in a note area (a NOTE section or PT_NOTE segment). */
final class ElfNotes {

    private static final int NT_GNU_BUILD_ID = 3;

    private ElfNotes() {
    }

    /** Hex of the build id, or null if the area holds none; malformed notes end the walk quietly. */
    static String buildId(ByteBuffer notes) {
        int p = 0;
        int end = notes.limit();
        while (end - p >= 12) {
            long nameSize = notes.getInt(p) & 0xffff_ffffL;
            long descSize = notes.getInt(p + 4) & 0xffff_ffffL;
            int type = notes.getInt(p + 8);
            long nameStart = p + 12L;
            long descStart = nameStart + align4(nameSize);
            long next = descStart + align4(descSize);
            if (next > end) {
                return null;
            }
            if (type == NT_GNU_BUILD_ID && nameSize == 4 && notes.get((int) nameStart) == 'G'
                    && notes.get((int) nameStart + 1) == 'N' && notes.get((int) nameStart + 2) == 'U') {
                byte[] id = new byte[(int) descSize];
                notes.get((int) descStart, id);
                return HexFormat.of().formatHex(id);
            }
            p = (int) next;
        }
        return null;
    }

    private static long align4(long n) {
        return (n + 3) & ~3L;
    }
}
