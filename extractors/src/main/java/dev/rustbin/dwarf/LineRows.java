package dev.rustbin.dwarf;

import java.nio.ByteBuffer;

/**
 * Runs one line program's state machine and hands out its rows one at a time: {@link #next} stops
 * at each row the program appends (nothing is kept, so a program of millions of rows streams).
 * It can start at the beginning of any sequence, whose registers start fresh.
 */
public final class LineRows {

    private static final int DW_LNS_COPY = 1;
    private static final int DW_LNS_ADVANCE_PC = 2;
    private static final int DW_LNS_ADVANCE_LINE = 3;
    private static final int DW_LNS_SET_FILE = 4;
    private static final int DW_LNS_SET_COLUMN = 5;
    private static final int DW_LNS_NEGATE_STMT = 6;
    private static final int DW_LNS_SET_BASIC_BLOCK = 7;
    private static final int DW_LNS_CONST_ADD_PC = 8;
    private static final int DW_LNS_FIXED_ADVANCE_PC = 9;
    private static final int DW_LNS_SET_PROLOGUE_END = 10;
    private static final int DW_LNS_SET_EPILOGUE_BEGIN = 11;
    private static final int DW_LNS_SET_ISA = 12;
    private static final int DW_LNE_END_SEQUENCE = 1;
    private static final int DW_LNE_SET_ADDRESS = 2;
    private static final int DW_LNE_SET_DISCRIMINATOR = 4;

    private final LineProgramHeader header;
    private final DwarfCursor in;
    private long address;
    private int opIndex;
    private long file;
    private long line;
    private long column;
    private boolean isStatement;
    private boolean basicBlock;
    private boolean endSequence;
    private boolean prologueEnd;
    private boolean epilogueBegin;
    private long isa;
    private long discriminator;
    private long sequenceStart;

    LineRows(ByteBuffer line, LineProgramHeader header, long start) {
        this.header = header;
        this.in = new DwarfCursor(line, 0, (int) start, (int) header.end());
        this.sequenceStart = start;
        reset();
    }

    /** The rows of a whole program. */
    static LineRows of(ByteBuffer line, LineProgramHeader header) {
        return new LineRows(line, header, header.programStart());
    }

    private void reset() {
        address = 0;
        opIndex = 0;
        file = 1;
        line = 1;
        column = 0;
        isStatement = header.defaultIsStatement();
        basicBlock = false;
        endSequence = false;
        prologueEnd = false;
        epilogueBegin = false;
        isa = 0;
        discriminator = 0;
    }

    /** Runs opcodes up to the next row; false at the end of the program. */
    public boolean next() {
        if (endSequence) {
            reset();
            sequenceStart = in.position();
        }
        basicBlock = false;
        prologueEnd = false;
        epilogueBegin = false;
        discriminator = 0;
        while (in.hasMore()) {
            int opcode = in.u8();
            if (opcode >= header.opcodeBase()) {
                int adjusted = opcode - header.opcodeBase();
                advance(adjusted / header.lineRange());
                line += header.lineBase() + adjusted % header.lineRange();
                return true;
            }
            switch (opcode) {
                case 0 -> {
                    if (extended()) {
                        return true;
                    }
                }
                case DW_LNS_COPY -> {
                    return true;
                }
                case DW_LNS_ADVANCE_PC -> advance(in.uleb());
                case DW_LNS_ADVANCE_LINE -> line += in.sleb();
                case DW_LNS_SET_FILE -> file = in.uleb();
                case DW_LNS_SET_COLUMN -> column = in.uleb();
                case DW_LNS_NEGATE_STMT -> isStatement = !isStatement;
                case DW_LNS_SET_BASIC_BLOCK -> basicBlock = true;
                case DW_LNS_CONST_ADD_PC -> advance((255 - header.opcodeBase()) / header.lineRange());
                case DW_LNS_FIXED_ADVANCE_PC -> {
                    address += in.u16();
                    opIndex = 0;
                }
                case DW_LNS_SET_PROLOGUE_END -> prologueEnd = true;
                case DW_LNS_SET_EPILOGUE_BEGIN -> epilogueBegin = true;
                case DW_LNS_SET_ISA -> isa = in.uleb();
                default -> {
                    for (int i = 0; i < header.standardOpcodeLengths()[opcode]; i++) {
                        in.uleb();
                    }
                }
            }
        }
        return false;
    }

    /** An extended opcode; true when it appends a row (DW_LNE_end_sequence). */
    private boolean extended() {
        long length = in.uleb();
        if (length == 0) {
            return false;
        }
        int end = checkedEnd(length);
        int sub = in.u8();
        switch (sub) {
            case DW_LNE_END_SEQUENCE -> endSequence = true;
            case DW_LNE_SET_ADDRESS -> {
                address = in.unsigned(end - in.position());
                opIndex = 0;
            }
            case DW_LNE_SET_DISCRIMINATOR -> discriminator = in.uleb();
            default -> {
            }
        }
        in.seek(end);
        return endSequence;
    }

    private int checkedEnd(long length) {
        if (length > in.limit() - in.position()) {
            throw new DwarfFormatException(String.format("extended opcode of %d bytes at 0x%x runs past the program", length, in.position()));
        }
        return in.position() + (int) length;
    }

    private void advance(long operations) {
        if (header.maximumOperations() == 1) {
            address += header.minimumInstructionLength() * operations;
        } else {
            long ops = opIndex + operations;
            address += header.minimumInstructionLength() * (ops / header.maximumOperations());
            opIndex = (int) (ops % header.maximumOperations());
        }
    }

    public LineProgramHeader header() {
        return header;
    }

    public long address() {
        return address;
    }

    public long file() {
        return file;
    }

    public long line() {
        return line;
    }

    public long column() {
        return column;
    }

    public boolean isStatement() {
        return isStatement;
    }

    public boolean basicBlock() {
        return basicBlock;
    }

    public boolean endSequence() {
        return endSequence;
    }

    public boolean prologueEnd() {
        return prologueEnd;
    }

    public boolean epilogueBegin() {
        return epilogueBegin;
    }

    public long isa() {
        return isa;
    }

    public long discriminator() {
        return discriminator;
    }

    /** Offset in .debug_line where the current row's sequence begins (a {@link LineRows} can resume there). */
    public long sequenceStart() {
        return sequenceStart;
    }
}
