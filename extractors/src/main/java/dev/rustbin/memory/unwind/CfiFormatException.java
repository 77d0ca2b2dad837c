package dev.rustbin.memory.unwind;

/**
 * CFI or a DWARF expression that cannot be read (truncated, an unknown opcode, an encoding we do not
 * know). The unwinder catches it and ends the stack at that frame: a bad table never fails a snapshot.
 */
final class CfiFormatException extends RuntimeException {

    CfiFormatException(String message) {
        super(message, null, false, false);
    }
}
