package dev.rustbin.disasm;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.BinaryImage;
import dev.rustbin.schema.ScanProgress;
import dev.rustbin.format.MappingFaults;
import dev.rustbin.schema.ScanRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streams the instructions of the code ranges a query can see ({@link CodeRange#plan}). A decoding
 * thread runs Capstone and hands chunks of rows through a small bounded queue, so a full scan uses a
 * second core while the engine consumes rows, and memory stays bounded by the queue whatever the
 * binary's size. Closing it early stops the decoder.
 */
public final class InstructionScan implements Iterator<InstructionRow>, AutoCloseable, ScanProgress.Reporting {

    /** Bytes decoded by every scan in this JVM: lets tests and users see pruning work. */
    public static final AtomicLong BYTES_DISASSEMBLED = new AtomicLong();
    /** Instructions handed over by every scan in this JVM, a chunk at a time: shows how far a scan got. */
    public static final AtomicLong INSTRUCTIONS_DECODED = new AtomicLong();

    private static final int CHUNK = 2048;
    private static final List<InstructionRow> END = new ArrayList<>();

    private final BlockingQueue<List<InstructionRow>> chunks = new ArrayBlockingQueue<>(8);
    private final Thread decoder;
    private volatile boolean cancelled;
    private final long plannedBytes;
    /** Bytes of the planned ranges decoded and handed over so far, as of the last chunk. */
    private volatile long bytesDone;
    private volatile RuntimeException failure;
    private List<InstructionRow> chunk = List.of();
    private int next;
    private boolean finished;

    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    public InstructionScan(BinaryImage image, ScanRequest request) {
        Architecture arch = Architecture.of(image);
        List<CodeRange> ranges = CodeRange.plan(image, request);
        this.plannedBytes = ranges.stream().mapToLong(CodeRange::length).sum();
        boolean withDetail = request.selects("instruction_groups") || request.selects("registers_read")
                || request.selects("registers_written") || request.selects("operand_index");
        boolean withBytes = request.selects("bytes");
        boolean withFunctions = request.selects("symbol_name") || request.selects("symbol_offset");
        FunctionIndex functions = withFunctions ? FunctionIndex.of(image) : null;
        this.decoder = new Thread(() -> decode(image, arch, ranges, withDetail, withBytes, functions),
                "rustbin-disassembler " + image.path().getFileName());
        decoder.setDaemon(true);
        decoder.start();
    }

    private void decode(BinaryImage image, Architecture arch, List<CodeRange> ranges, boolean withDetail, boolean withBytes,
                        FunctionIndex functions) {
        ChunkBuilder pending = new ChunkBuilder();
        long rangesDone = 0;
        try (Disassembler disassembler = new Disassembler(arch, withDetail)) {
            for (CodeRange range : ranges) {
                long before = rangesDone;
                String section = range.section().name();
                InstructionSink sink = (address, size, bytes, mnemonic, operands, flags, target) -> {
                    if (cancelled) {
                        throw new Cancelled();
                    }
                    InstructionDetail detail = withDetail ? disassembler.detail() : null;
                    pending.add(new InstructionRow(section, address, size, withBytes ? bytes.toArray() : null, mnemonic,
                            operands, flags, target,
                            functions != null ? functions.containing(address) : null,
                            detail == null ? null : groups(detail),
                            detail == null ? null : registers(detail, true),
                            detail == null ? null : registers(detail, false),
                            detail == null ? List.of() : operandRows(detail)));
                    if (pending.rows.size() == CHUNK) {
                        bytesDone = before + (address + size - range.start());
                        put(pending.take());
                    }
                };
                long offset = range.section().fileOffset() + (range.start() - range.section().address());
                long decodedBefore = disassembler.bytesDecoded();
                disassembler.disassemble(image.bytes(offset, range.cut() - range.start()), range.start(), range.stop(), sink);
                BYTES_DISASSEMBLED.addAndGet(disassembler.bytesDecoded() - decodedBefore);
                rangesDone += range.length();
            }
            bytesDone = rangesDone;
            if (!pending.rows.isEmpty()) {
                put(pending.take());
            }
        } catch (Cancelled e) {
            return;
        } catch (RuntimeException e) {
            failure = e instanceof BinaryFormatException || e instanceof DisassemblerUnavailableException ? e
                    : new BinaryFormatException(image.path(), "disassembly failed (" + e + ")", e);
        } catch (Error e) {
            // the reader waits for END: without it, an error here would leave the query hanging
            failure = MappingFaults.isFault(e) ? MappingFaults.changed(image.path(), e)
                    : new IllegalStateException("disassembly of " + image.path() + " failed (" + e + ")", e);
        }
        putEnd();
    }

    /** The rows decoded since the last chunk was handed over. */
    private static final class ChunkBuilder {
        private List<InstructionRow> rows = new ArrayList<>(CHUNK);

        void add(InstructionRow row) {
            rows.add(row);
        }

        List<InstructionRow> take() {
            List<InstructionRow> full = rows;
            rows = new ArrayList<>(CHUNK);
            return full;
        }
    }

    private void put(List<InstructionRow> rows) {
        INSTRUCTIONS_DECODED.addAndGet(rows.size());
        try {
            chunks.put(rows);
        } catch (InterruptedException e) {
            throw new Cancelled();
        }
    }

    private void putEnd() {
        try {
            chunks.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String groups(InstructionDetail detail) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < detail.groupCount(); i++) {
            out.append(i == 0 ? "" : ",").append(detail.group(i));
        }
        return out.toString();
    }

    private static String registers(InstructionDetail detail, boolean read) {
        StringBuilder out = new StringBuilder();
        int count = read ? detail.registersReadCount() : detail.registersWrittenCount();
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : ",").append(read ? detail.registerRead(i) : detail.registerWritten(i));
        }
        return out.toString();
    }

    private static List<InstructionRow.OperandRow> operandRows(InstructionDetail detail) {
        List<InstructionRow.OperandRow> rows = new ArrayList<>(detail.operandCount());
        for (int i = 0; i < detail.operandCount(); i++) {
            rows.add(new InstructionRow.OperandRow(i, detail.operandKind(i), detail.operandRegister(i), detail.operandImmediate(i),
                    detail.operandBase(i), detail.operandIndex(i), detail.operandScale(i), detail.operandDisplacement(i),
                    detail.operandAccess(i), detail.operandSize(i)));
        }
        return rows;
    }

    @Override
    public ScanProgress progress() {
        return new ScanProgress(bytesDone, plannedBytes, "bytes disassembled");
    }

    @Override
    public boolean hasNext() {
        while (next >= chunk.size()) {
            if (finished) {
                return false;
            }
            try {
                chunk = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while disassembling", e);
            }
            next = 0;
            if (chunk == END) {
                finished = true;
                if (failure != null) {
                    throw failure;
                }
                return false;
            }
        }
        return true;
    }

    @Override
    public InstructionRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return chunk.get(next++);
    }

    /** Stops the decoder (if still running) and waits for it, so its Capstone handle is closed. */
    @Override
    public void close() {
        cancelled = true;
        chunks.clear();
        decoder.interrupt();
        try {
            decoder.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
