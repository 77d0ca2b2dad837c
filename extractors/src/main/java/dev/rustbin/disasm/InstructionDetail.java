package dev.rustbin.disasm;

import static dev.rustbin.disasm.StructLayout.*;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Capstone's detail for the instruction being delivered: groups, registers read and written, and
 * operands. One instance per {@link Disassembler}, refilled on demand for the current instruction
 * ({@link Disassembler#detail()}), so reading it costs nothing for instructions nobody asks about.
 *
 * <p>Operands are broken down for x86 and AArch64 only; for 32-bit ARM {@link #operandCount()} is 0.
 * Data and {@link InstructionFlags#UNKNOWN} instructions have no detail: every count is 0.
 */
public final class InstructionDetail {

    public static final int ACCESS_READ = 1;
    public static final int ACCESS_WRITE = 2;

    private static final int MAX_GROUPS = 8;
    private static final int MAX_OPERANDS = 8;
    /** The size of Capstone's {@code cs_regs} array. */
    private static final int MAX_REGS = 64;

    private final Architecture arch;
    private final long handle;
    private final StructLayout layout;
    private final NameCache registerNames;
    private final NameCache groupNames;
    /** cs_regs_access output: two uint16_t[64] lists, then the two counts. */
    private final Memory regsAccess = new Memory(4L * MAX_REGS + 2);
    private final Pointer readList = regsAccess;
    private final Pointer writeList = regsAccess.share(2L * MAX_REGS);
    private final Pointer readCountOut = regsAccess.share(4L * MAX_REGS);
    private final Pointer writeCountOut = regsAccess.share(4L * MAX_REGS + 1);

    private int groupCount;
    private final String[] groups = new String[MAX_GROUPS];
    private int readCount;
    private final String[] read = new String[MAX_REGS];
    private int writeCount;
    private final String[] written = new String[MAX_REGS];

    private int operandCount;
    private final OperandKind[] kinds = new OperandKind[MAX_OPERANDS];
    private final String[] registers = new String[MAX_OPERANDS];
    private final long[] immediates = new long[MAX_OPERANDS];
    private final double[] floats = new double[MAX_OPERANDS];
    private final String[] bases = new String[MAX_OPERANDS];
    private final String[] indexes = new String[MAX_OPERANDS];
    private final int[] scales = new int[MAX_OPERANDS];
    private final long[] displacements = new long[MAX_OPERANDS];
    private final int[] accesses = new int[MAX_OPERANDS];
    private final int[] sizes = new int[MAX_OPERANDS];

    InstructionDetail(Architecture arch, long handle) {
        this.arch = arch;
        this.handle = handle;
        this.layout = CapstoneLibrary.layout();
        this.registerNames = new NameCache(id -> CapstoneLibrary.cs_reg_name(handle, id));
        this.groupNames = new NameCache(id -> CapstoneLibrary.cs_group_name(handle, id));
    }

    /** For data pseudo-instructions, which Capstone gives no detail. */
    void clear() {
        groupCount = 0;
        readCount = 0;
        writeCount = 0;
        operandCount = 0;
    }

    /** Reads the detail of the {@code cs_insn} at {@code insn}. */
    void fill(Pointer insn) {
        ByteBuffer detail = insn.getPointer(layout.insnDetail()).getByteBuffer(0, layout.detailSize())
                .order(ByteOrder.nativeOrder());
        groupCount = detail.get(layout.detailGroupsCount());
        for (int i = 0; i < groupCount; i++) {
            groups[i] = groupNames.name(detail.get(layout.detailGroups() + i) & 0xff);
        }
        readRegisterAccess(insn);
        if (arch.isX86()) {
            readX86Operands(detail);
        } else if (arch == Architecture.AARCH64) {
            readArm64Operands(detail);
        } else {
            operandCount = 0;
        }
    }

    /**
     * cs_regs_access rather than cs_detail's regs_read/regs_write: those list only implicit
     * registers, while callers want every register the instruction touches.
     */
    private void readRegisterAccess(Pointer insn) {
        int err = CapstoneLibrary.cs_regs_access(handle, insn, readList, readCountOut, writeList,
                writeCountOut);
        if (err != CapstoneLibrary.CS_ERR_OK) {
            throw new IllegalStateException("cs_regs_access: " + CapstoneLibrary.cs_strerror(err));
        }
        readCount = readCountOut.getByte(0) & 0xff;
        for (int i = 0; i < readCount; i++) {
            read[i] = registerNames.name(readList.getShort(2L * i) & 0xffff);
        }
        writeCount = writeCountOut.getByte(0) & 0xff;
        for (int i = 0; i < writeCount; i++) {
            written[i] = registerNames.name(writeList.getShort(2L * i) & 0xffff);
        }
    }

    private void readX86Operands(ByteBuffer detail) {
        int x86 = layout.detailArch();
        operandCount = detail.get(x86 + X86_OP_COUNT);
        for (int i = 0; i < operandCount; i++) {
            int op = x86 + X86_OPERANDS + i * X86_OP_SIZE;
            resetOperand(i);
            int type = detail.getInt(op + X86_OP_TYPE);
            kinds[i] = kind(type);
            switch (type) {
                case OP_REG:
                    registers[i] = registerNames.name(detail.getInt(op + X86_OP_VALUE));
                    break;
                case OP_IMM:
                    immediates[i] = detail.getLong(op + X86_OP_VALUE);
                    break;
                case OP_MEM:
                    bases[i] = registerNames.name(detail.getInt(op + X86_OP_MEM_BASE));
                    indexes[i] = registerNames.name(detail.getInt(op + X86_OP_MEM_INDEX));
                    scales[i] = detail.getInt(op + X86_OP_MEM_SCALE);
                    displacements[i] = detail.getLong(op + X86_OP_MEM_DISP);
                    break;
                default:
                    break;
            }
            sizes[i] = detail.get(op + X86_OP_BYTES) & 0xff;
            accesses[i] = detail.get(op + X86_OP_ACCESS) & 0xff;
        }
    }

    private void readArm64Operands(ByteBuffer detail) {
        int arm64 = layout.detailArch();
        operandCount = detail.get(arm64 + layout.arm64OpCount());
        for (int i = 0; i < operandCount; i++) {
            int op = arm64 + ARM64_OPERANDS + i * ARM64_OP_SIZE;
            resetOperand(i);
            int type = detail.getInt(op + layout.arm64OpType());
            kinds[i] = kind(type);
            switch (type) {
                case OP_REG:
                    registers[i] = registerNames.name(detail.getInt(op + ARM64_OP_VALUE));
                    break;
                case OP_IMM:
                    immediates[i] = detail.getLong(op + ARM64_OP_VALUE);
                    break;
                case OP_FP:
                    floats[i] = detail.getDouble(op + ARM64_OP_VALUE);
                    break;
                case OP_MEM:
                    bases[i] = registerNames.name(detail.getInt(op + ARM64_OP_VALUE));
                    indexes[i] = registerNames.name(detail.getInt(op + ARM64_OP_MEM_INDEX));
                    displacements[i] = detail.getInt(op + ARM64_OP_MEM_DISP);
                    // AArch64 scales an index by shifting it: [x1, x2, lsl #3] is x2 * 8
                    boolean shifted = indexes[i] != null
                            && detail.getInt(op + layout.arm64OpShiftType()) == ARM64_SFT_LSL;
                    scales[i] = shifted ? 1 << detail.getInt(op + layout.arm64OpShiftValue()) : 1;
                    break;
                default:
                    break;
            }
            accesses[i] = detail.get(op + ARM64_OP_ACCESS) & 0xff;
        }
    }

    private static OperandKind kind(int type) {
        switch (type) {
            case OP_REG: return OperandKind.REGISTER;
            case OP_IMM: return OperandKind.IMMEDIATE;
            case OP_MEM: return OperandKind.MEMORY;
            case OP_FP: return OperandKind.FLOAT;
            default: return OperandKind.OTHER;
        }
    }

    private void resetOperand(int i) {
        registers[i] = null;
        immediates[i] = 0;
        floats[i] = 0;
        bases[i] = null;
        indexes[i] = null;
        scales[i] = 0;
        displacements[i] = 0;
        sizes[i] = 0;
    }

    /** Capstone's groups, e.g. {@code call}, {@code jump}, {@code branch_relative}, {@code sse2}. */
    public int groupCount() {
        return groupCount;
    }

    public String group(int i) {
        return groups[Objects.checkIndex(i, groupCount)];
    }

    /** Registers read, explicit operands and implicit ones (flags, stack pointer) alike. */
    public int registersReadCount() {
        return readCount;
    }

    public String registerRead(int i) {
        return read[Objects.checkIndex(i, readCount)];
    }

    /** Registers written, explicit operands and implicit ones alike. */
    public int registersWrittenCount() {
        return writeCount;
    }

    public String registerWritten(int i) {
        return written[Objects.checkIndex(i, writeCount)];
    }

    public int operandCount() {
        return operandCount;
    }

    public OperandKind operandKind(int i) {
        return kinds[Objects.checkIndex(i, operandCount)];
    }

    /** The register of a {@link OperandKind#REGISTER} operand, else null. */
    public String operandRegister(int i) {
        return registers[Objects.checkIndex(i, operandCount)];
    }

    /** The value of an {@link OperandKind#IMMEDIATE} operand (a branch target is absolute), else 0. */
    public long operandImmediate(int i) {
        return immediates[Objects.checkIndex(i, operandCount)];
    }

    /** The value of a {@link OperandKind#FLOAT} operand (AArch64 fmov), else 0. */
    public double operandFloat(int i) {
        return floats[Objects.checkIndex(i, operandCount)];
    }

    /** The base register of a {@link OperandKind#MEMORY} operand, null if none. */
    public String operandBase(int i) {
        return bases[Objects.checkIndex(i, operandCount)];
    }

    /** The index register of a {@link OperandKind#MEMORY} operand, null if none. */
    public String operandIndex(int i) {
        return indexes[Objects.checkIndex(i, operandCount)];
    }

    /** The index's multiplier of a {@link OperandKind#MEMORY} operand (1 when unscaled), else 0. */
    public int operandScale(int i) {
        return scales[Objects.checkIndex(i, operandCount)];
    }

    /** The displacement of a {@link OperandKind#MEMORY} operand, else 0. */
    public long operandDisplacement(int i) {
        return displacements[Objects.checkIndex(i, operandCount)];
    }

    /** {@link #ACCESS_READ} and/or {@link #ACCESS_WRITE} bits; 0 when Capstone does not know. */
    public int operandAccess(int i) {
        return accesses[Objects.checkIndex(i, operandCount)];
    }

    /** The operand's size in bytes (x86; 0 on AArch64, where Capstone does not record it). */
    public int operandSize(int i) {
        return sizes[Objects.checkIndex(i, operandCount)];
    }
}
