package dev.rustbin.memory.unwind;

import dev.rustbin.dwarf.DwarfCursor;
import java.util.function.LongUnaryOperator;

/**
 * The DW_EH_PE pointer encodings of .eh_frame and .eh_frame_hdr: a value format in the low four bits
 * (absptr, uleb128, udata2/4/8, sleb128, sdata2/4/8), what it is relative to in the next three
 * (pc, text, data, function start, aligned), and 0x80 for a pointer to the pointer.
 *
 * @param text     address of .text, for textrel
 * @param data     the data base: .eh_frame_hdr's own address for its table, .got for .eh_frame
 * @param indirect reads the pointer stored at an address (the image's relocated data), for 0x80
 */
record PointerEncoding(long text, long data, LongUnaryOperator indirect) {

    static final int OMIT = 0xff;
    private static final int ABSPTR = 0x00;
    private static final int PCREL = 0x10;
    private static final int TEXTREL = 0x20;
    private static final int DATAREL = 0x30;
    private static final int FUNCREL = 0x40;
    private static final int ALIGNED = 0x50;
    private static final int INDIRECT = 0x80;

    /** Bytes an encoded value takes, or -1 for the LEB128 forms. */
    static int fixedSize(int encoding) {
        return switch (encoding & 0x0f) {
            case 0x00, 0x04, 0x0c -> 8;
            case 0x02, 0x0a -> 2;
            case 0x03, 0x0b -> 4;
            default -> -1;
        };
    }

    /** Reads a pointer encoded as {@code encoding} at the cursor; {@code function} is the FDE's start, for funcrel. */
    long read(DwarfCursor cursor, int encoding, long function) {
        if (encoding == OMIT) {
            throw new CfiFormatException("an omitted pointer cannot be read");
        }
        long fieldAddress = cursor.address();
        if ((encoding & 0x70) == ALIGNED) {
            int misalignment = (int) (fieldAddress & 7);
            cursor.seek(cursor.position() + (misalignment == 0 ? 0 : 8 - misalignment));
            fieldAddress = cursor.address();
        }
        long value = switch (encoding & 0x0f) {
            case 0x00, 0x04 -> cursor.u64();
            case 0x01 -> cursor.uleb();
            case 0x02 -> cursor.u16();
            case 0x03 -> cursor.u32();
            case 0x09 -> cursor.sleb();
            case 0x0a -> (short) cursor.u16();
            case 0x0b -> cursor.s32();
            case 0x0c -> cursor.u64();
            default -> throw new CfiFormatException(String.format("unknown pointer format 0x%02x", encoding));
        };
        if (value == 0 && (encoding & 0x70) != ABSPTR) {
            // A relative zero is a null pointer, not the base itself (what GCC emits for absent LSDAs).
            return 0;
        }
        value += switch (encoding & 0x70) {
            case ABSPTR, ALIGNED -> 0;
            case PCREL -> fieldAddress;
            case TEXTREL -> text;
            case DATAREL -> data;
            case FUNCREL -> function;
            default -> throw new CfiFormatException(String.format("unknown pointer base 0x%02x", encoding));
        };
        return (encoding & INDIRECT) != 0 ? indirect.applyAsLong(value) : value;
    }
}
