package dev.rustbin.memory.regions;

import dev.rustbin.dwarf.SourceLocation;
import dev.rustbin.memory.SnapshotView;
import dev.rustbin.memory.MemoryMapping;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * One row of {@code memory_regions}: a mapping, a stack frame, a heap chunk or a static of one
 * snapshot. Its bytes are read from the snapshot only when a query selects them.
 *
 * @param regionId       unique in the connection and the same in every query (snapshot, kind, position)
 * @param type           code, global, heap, stack, tls, rodata, mapping, guard, vdso, vvar, vsyscall
 * @param kind           mapping, frame, inlined_frame, chunk or static: what the row describes
 * @param staticAddress  the start in the mapped file's own address space (joins binary_symbols), or null
 * @param threadId       kernel thread id for stack and TLS rows, else null
 * @param frameIndex     0 for the innermost frame, for frame rows only
 * @param functionName   the demangled function of a stack frame
 * @param symbolName     the demangled static (static rows) or the symbol holding the start
 * @param allocationSite file:line of a heap chunk's allocation, when tracked
 * @param framePc        a frame's program counter (runtime), for frame rows
 * @param crateName      the Rust crate of a frame's function
 * @param detail         how a frame was unwound, or which arena holds a chunk
 * @param source         a frame's source location by DWARF (an inlined frame's own; a frame's, the call
 *                       site of the calls inlined at its pc), looked up when a query reads it; null for other rows
 * @param allocatedSize  the bytes the program asked for when it allocated a heap chunk, when tracked
 * @param traceId        the tracked allocation's backtrace (heap_backtraces.trace_id)
 */
public record MemoryRegion(SnapshotView view, long regionId, String type, String kind, long start, long end,
                           String permissions, String mappedFile, Long staticAddress, Long threadId, Integer frameIndex,
                           String functionName, String symbolName, String allocationSite, Long framePc, String crateName,
                           String detail, Supplier<SourceLocation> source, Long allocatedSize, Long traceId) {

    /** A row without a source location or an allocation: mappings, statics. */
    public MemoryRegion(SnapshotView view, long regionId, String type, String kind, long start, long end,
                        String permissions, String mappedFile, Long staticAddress, Long threadId, Integer frameIndex,
                        String functionName, String symbolName, String allocationSite, Long framePc, String crateName,
                        String detail) {
        this(view, regionId, type, kind, start, end, permissions, mappedFile, staticAddress, threadId, frameIndex,
                functionName, symbolName, allocationSite, framePc, crateName, detail, null, null, null);
    }

    /** The source location of a frame row, or null (other rows, code without DWARF). */
    public SourceLocation sourceLocation() {
        return source == null ? null : source.get();
    }

    public long size() {
        return end - start;
    }

    /**
     * The region's bytes at snapshot time, or null when the snapshot did not capture them all. A
     * read-only file mapping a core left out (unmodified code) is read from the file, which is what it held.
     */
    public ByteBuffer content() {
        long size = size();
        if (size < 0 || size > Integer.MAX_VALUE) {
            return null;
        }
        ByteBuffer captured = view.snapshot().memory().bytes(start, (int) size);
        if (captured == null && kind.equals(RegionKind.MAPPING.label()) && permissions != null && permissions.charAt(1) != 'w'
                && mappedFile != null && mappedFile.startsWith("/")) {
            MemoryMapping mapping = view.snapshot().mappingAt(start);
            return mapping == null ? null : FileBytes.read(Path.of(mappedFile), mapping.fileOffset(), (int) size);
        }
        return captured;
    }
}
