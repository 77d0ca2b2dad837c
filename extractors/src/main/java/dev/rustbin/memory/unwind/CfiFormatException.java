package dev.rustbin.memory.unwind;

import dev.rustbin.dwarf.DwarfFormatException;

/**
 * CFI or a DWARF expression that cannot be read (truncated, an unknown opcode, an encoding we do not
 * know). The unwinder catches it, and the {@link DwarfFormatException} of the cursor beneath, and ends
 * the stack at that frame: a bad table never fails a snapshot.
 */
final class CfiFormatException extends DwarfFormatException {

    CfiFormatException(String message) {
        super(message);
    }
}
