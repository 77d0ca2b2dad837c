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
        String[] id = new String[1];
        ElfNoteEntries.each(notes, (name, type, desc) -> {
            if (type == NT_GNU_BUILD_ID && name.equals("GNU")) {
                byte[] bytes = new byte[desc.remaining()];
                desc.get(0, bytes);
                id[0] = HexFormat.of().formatHex(bytes);
                return false;
            }
            return true;
        });
        return id[0];
    }
}
