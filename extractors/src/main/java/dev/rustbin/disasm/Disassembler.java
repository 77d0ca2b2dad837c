package dev.rustbin.disasm;

import static dev.rustbin.disasm.StructLayout.INSN_ADDRESS;
import static dev.rustbin.disasm.StructLayout.INSN_ID;
import static dev.rustbin.disasm.StructLayout.INSN_LENGTH;
import static dev.rustbin.disasm.StructLayout.MNEMONIC_CAPACITY;
import static dev.rustbin.disasm.StructLayout.OP_STR_CAPACITY;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A Capstone handle for one {@link Architecture}, decoding byte ranges into an
 * {@link InstructionSink}. Not thread-safe (use one per thread) and not re-entrant: a sink must not
 * call {@link #disassemble} on the instance that is calling it.
 *
 * <p>SKIPDATA is always on, because without it Capstone stops silently at the first byte it cannot
 * decode; with it, such bytes come out as {@code .byte} pseudo-instructions, flagged
 * {@link InstructionFlags#DATA}, and every input byte is reported exactly once.
 *
 * <p>Decoding goes through {@code cs_disasm} in batches of {@link #BATCH} instructions, reading the
 * returned {@code cs_insn} array by offset through a ByteBuffer over the native memory: no JNA
 * Structure, no per-field native call.
 */
public final class Disassembler implements AutoCloseable {

    /** Instructions per cs_disasm call. */
    private static final int BATCH = 1024;

    /**
     * Bytes copied for one cs_disasm call. Capstone never reads the caller's buffer itself: a mapped
     * file that is truncated under it would raise SIGBUS inside native code, which kills the JVM,
     * whereas the copy faults in Java, where it is an error. The window holds a whole batch of the
     * longest instructions (15 bytes on x86, every SKIPDATA step included), so an instruction is
     * never cut at a window edge (which SKIPDATA would turn into data) except at the input's end.
     */
    private static final int WINDOW = BATCH * 16;

    /** Capstone's mnemonic for what SKIPDATA steps over. */
    static final String DATA_MNEMONIC = ".byte";
    private static final String UNKNOWN_MNEMONIC = "(unknown)";

    private final Architecture arch;
    private final boolean detailMode;
    private final Memory handleSlot = new Memory(8);
    private final long handle;
    private final StructLayout layout = CapstoneLibrary.layout();
    private final Memory insnOut = new Memory(8);
    private final MnemonicTable mnemonics;
    private final InstructionDetail detail;
    private final InstructionBytes bytesView = new InstructionBytes();
    private final ByteBuffer window = ByteBuffer.allocateDirect(WINDOW);
    private final Pointer windowAddress = Native.getDirectBufferPointer(window);
    /** Held for its callback, whose address Capstone keeps; null except on x86. */
    private final X86SkipData x86SkipData;
    /** The mnemonic and op_str fields of one cs_insn, which are adjacent, copied in one go. */
    private final byte[] text = new byte[MNEMONIC_CAPACITY + OP_STR_CAPACITY];
    private boolean closed;

    private long bytesDecoded;
    private long instructionsDecoded;

    /** Whether a sink call is in progress, which is when {@link #detail()} may be called. */
    private boolean delivering;
    /** The cs_insn being delivered, for {@link #detail()}; null for data or without detail mode. */
    private Pointer currentInsn;
    private boolean detailFilled;

    /**
     * @param withDetail also have Capstone compute {@link InstructionDetail}; reading it costs two
     *     thirds of the throughput (cargo's .text: 3.6 M instructions/s without, 1.2 M with), so ask
     *     only when operands or registers are needed
     * @throws DisassemblerUnavailableException when the Capstone library cannot be loaded
     */
    public Disassembler(Architecture arch, boolean withDetail) {
        CapstoneLibrary.ensureLoaded();
        this.arch = arch;
        this.detailMode = withDetail;
        check(CapstoneLibrary.cs_open(arch.csArch, arch.csMode, handleSlot), "cs_open");
        this.handle = handleSlot.getLong(0);
        try {
            option(CapstoneLibrary.CS_OPT_SKIPDATA, CapstoneLibrary.CS_OPT_ON);
            x86SkipData = arch.isX86() ? new X86SkipData(arch == Architecture.X86_64) : null;
            if (x86SkipData != null) {
                option(CapstoneLibrary.CS_OPT_SKIPDATA_SETUP, x86SkipData.address());
            }
            if (withDetail) {
                option(CapstoneLibrary.CS_OPT_DETAIL, CapstoneLibrary.CS_OPT_ON);
            }
        } catch (RuntimeException e) {
            CapstoneLibrary.cs_close(handleSlot);
            throw e;
        }
        this.mnemonics = new MnemonicTable(arch, handle);
        this.detail = withDetail ? new InstructionDetail(arch, handle) : null;
    }

    public Architecture architecture() {
        return arch;
    }

    /**
     * Decodes all of {@code code} (from its position to its limit; the position is not moved) as
     * if loaded at {@code address}. The bytes are copied window by window into memory of our own
     * before Capstone sees them, and instruction bytes handed to the sink are views on that copy.
     */
    public void disassemble(ByteBuffer code, long address, InstructionSink sink) {
        disassemble(code, address, address + code.remaining(), sink);
    }

    /**
     * Decodes the instructions of {@code code} that begin before address {@code stop}; the last one
     * may end after it, within {@code code}, so a stop never cuts an instruction.
     */
    public void disassemble(ByteBuffer code, long address, long stop, InstructionSink sink) {
        if (closed) {
            throw new IllegalStateException("disassembler is closed");
        }
        int length = code.remaining();
        int offset = 0;
        while (offset < length && Long.compareUnsigned(address + offset, stop) < 0) {
            // Capstone needs no more than one instruction's bytes past the stop
            int chunk = (int) Math.min(Math.min(WINDOW, length - offset), stop - (address + offset) + X86VectorLength.MAX_LENGTH);
            window.put(0, code, code.position() + offset, chunk);
            long count = CapstoneLibrary.cs_disasm(handle, windowAddress, chunk, address + offset, BATCH, insnOut);
            if (count == 0) {
                offset += deliverTail(chunk, address + offset, sink);
            } else {
                offset += deliverBatch(insnOut.getPointer(0), (int) count, stop, sink);
            }
        }
    }

    /** Delivers the instructions of one cs_disasm result that begin before {@code stop}, and frees it; returns the bytes they cover. */
    private int deliverBatch(Pointer insns, int count, long stop, InstructionSink sink) {
        int covered = 0;
        try {
            ByteBuffer array = insns.getByteBuffer(0, (long) count * layout.insnSize()).order(ByteOrder.nativeOrder());
            for (int i = 0; i < count; i++) {
                int p = i * layout.insnSize();
                if (Long.compareUnsigned(array.getLong(p + INSN_ADDRESS), stop) >= 0) {
                    break;
                }
                int size = array.getShort(p + INSN_LENGTH) & 0xffff;
                array.get(p + layout.insnMnemonic(), text, 0, text.length);
                MnemonicTable.Entry entry = mnemonics.lookup(array.getInt(p + INSN_ID), text, 0,
                        length(text, 0, MNEMONIC_CAPACITY));
                int operandsLength = length(text, MNEMONIC_CAPACITY, OP_STR_CAPACITY);
                String operands = operandsLength == 0 ? ""
                        : new String(text, MNEMONIC_CAPACITY, operandsLength, StandardCharsets.ISO_8859_1);
                int flags = entry.flags;
                String mnemonic = entry.mnemonic;
                // on x86 only X86SkipData's steps over whole instructions are longer than a byte
                if ((flags & InstructionFlags.DATA) != 0 && size > 1 && arch.isX86()) {
                    flags = InstructionFlags.UNKNOWN;
                    String name = X86MissingInstructions.name(window.slice(covered, size), size);
                    mnemonic = name != null ? name : UNKNOWN_MNEMONIC;
                }
                long target = 0;
                if ((flags & BranchClassifier.TARGET_IN_OPERANDS) != 0) {
                    long parsed = BranchClassifier.target(arch, text, MNEMONIC_CAPACITY,
                            MNEMONIC_CAPACITY + operandsLength);
                    if (parsed != BranchClassifier.NO_TARGET) {
                        flags |= InstructionFlags.DIRECT;
                        target = parsed;
                    }
                }
                if ((flags & (BranchClassifier.RETURN_IF_LR | BranchClassifier.RETURN_IF_PC)) != 0) {
                    flags = BranchClassifier.armReturn(flags, operands);
                }
                bytesView.point(window, covered, size);
                // Capstone has no detail for what SKIPDATA stepped over
                boolean skipped = (flags & (InstructionFlags.DATA | InstructionFlags.UNKNOWN)) != 0;
                currentInsn = detailMode && !skipped ? insns.share(p) : null;
                detailFilled = false;
                delivering = true;
                sink.instruction(array.getLong(p + INSN_ADDRESS), size, bytesView, mnemonic,
                        operands, flags & BranchClassifier.PUBLIC_MASK, target);
                covered += size;
                instructionsDecoded++;
                bytesDecoded += size;
            }
        } finally {
            delivering = false;
            currentInsn = null;
            CapstoneLibrary.cs_free(insns, count);
        }
        return covered;
    }

    /**
     * Capstone returns nothing when fewer bytes remain than its SKIPDATA step (AArch64 and ARM skip
     * 4, Thumb 2): we report those trailing bytes as one data row so that none goes missing.
     */
    private int deliverTail(int remaining, long address, InstructionSink sink) {
        if (remaining >= arch.skipUnit) {
            int err = CapstoneLibrary.cs_errno(handle);
            throw new IllegalStateException(String.format("cs_disasm decoded nothing at 0x%x: %s",
                    address, CapstoneLibrary.cs_strerror(err)));
        }
        StringBuilder operands = new StringBuilder();
        for (int i = 0; i < remaining; i++) {
            operands.append(i == 0 ? "" : ", ").append(String.format("0x%02x", window.get(i) & 0xff));
        }
        bytesView.point(window, 0, remaining);
        detailFilled = false;
        delivering = true;
        try {
            sink.instruction(address, remaining, bytesView, DATA_MNEMONIC, operands.toString(),
                    InstructionFlags.DATA, 0);
        } finally {
            delivering = false;
        }
        instructionsDecoded++;
        bytesDecoded += remaining;
        return remaining;
    }

    /** Length of the NUL-terminated string at {@code bytes[from, from + capacity)}. */
    private static int length(byte[] bytes, int from, int capacity) {
        for (int i = 0; i < capacity; i++) {
            if (bytes[from + i] == 0) {
                return i;
            }
        }
        return capacity;
    }

    /**
     * The detail of the instruction being delivered. Call it only from inside
     * {@link InstructionSink#instruction}, on a disassembler opened with detail; it is read from
     * Capstone's memory on the first call per instruction and reused after the sink returns.
     */
    public InstructionDetail detail() {
        if (!detailMode) {
            throw new IllegalStateException("this disassembler was opened without detail");
        }
        if (!delivering) {
            throw new IllegalStateException("detail() is only valid inside InstructionSink.instruction");
        }
        if (!detailFilled) {
            if (currentInsn == null) {
                detail.clear();
            } else {
                detail.fill(currentInsn);
            }
            detailFilled = true;
        }
        return detail;
    }

    /** Bytes decoded so far (data bytes included), summed over all {@link #disassemble} calls. */
    public long bytesDecoded() {
        return bytesDecoded;
    }

    /** Instructions delivered so far, data pseudo-instructions included. */
    public long instructionsDecoded() {
        return instructionsDecoded;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            CapstoneLibrary.cs_close(handleSlot);
        }
    }

    private void option(int type, long value) {
        check(CapstoneLibrary.cs_option(handle, type, value), "cs_option " + type);
    }

    private static void check(int err, String what) {
        if (err != CapstoneLibrary.CS_ERR_OK) {
            throw new IllegalStateException(what + ": " + CapstoneLibrary.cs_strerror(err));
        }
    }
}
