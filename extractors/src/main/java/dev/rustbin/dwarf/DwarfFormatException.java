package dev.rustbin.dwarf;

/**
 * DWARF bytes that cannot be read: truncated, an unknown form or opcode, an offset outside its
 * section. Readers catch it where a bad unit should end only that unit (or one stack), not a query.
 */
public class DwarfFormatException extends RuntimeException {

    public DwarfFormatException(String message) {
        super(message, null, false, false);
    }
}
