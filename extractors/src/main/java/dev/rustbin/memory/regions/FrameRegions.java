package dev.rustbin.memory.regions;

import dev.rustbin.dwarf.SourceLocation;
import dev.rustbin.memory.SnapshotView;
import dev.rustbin.memory.ThreadState;
import dev.rustbin.memory.unwind.FrameSymbol;
import dev.rustbin.memory.unwind.FrameSymbolizer;
import dev.rustbin.memory.unwind.StackFrame;
import dev.rustbin.rust.RustSymbols;
import java.util.ArrayList;
import java.util.List;

/**
 * One memory_regions row per physical stack frame of each thread, innermost first: the bytes
 * [sp, cfa). When the query wants them, before each frame come the calls the compiler inlined at
 * its pc, innermost first, as gdb lists them: inlined_frame rows, named and located by DWARF, that
 * own no bytes (start = end = the frame's sp) and share the frame's frame_index.
 */
final class FrameRegions {

    /** Frames of one thread share the position space of their thread: thread ordinal in the high bits. */
    private static final int FRAME_BITS = 16;
    /** Inlined rows have an id space of their own: thread ordinal, frame index (below 4096), depth (outermost 1). */
    private static final int DEPTH_BITS = 6;
    private static final int INLINED_FRAME_BITS = 12 + DEPTH_BITS;
    private static final int MAX_INLINED = (1 << DEPTH_BITS) - 1;

    private FrameRegions() {
    }

    static List<MemoryRegion> of(SnapshotView view, RegionFilter filter) {
        List<MemoryRegion> rows = new ArrayList<>();
        List<ThreadState> threads = view.snapshot().threads();
        List<List<StackFrame>> stacks = view.stacks();
        FrameSymbolizer symbolizer = new FrameSymbolizer(view.modules(), view.snapshot().memory());
        for (int t = 0; t < threads.size(); t++) {
            for (StackFrame frame : stacks.get(t)) {
                if (!filter.wantsStart(frame.sp())) {
                    continue;
                }
                long position = ((long) t << FRAME_BITS) | frame.index();
                FrameSource source = new FrameSource(view, frame);
                if (filter.wantsKind(RegionKind.INLINED_FRAME)) {
                    List<SourceLocation> chain = source.chain();
                    long inlinedPosition = ((long) t << INLINED_FRAME_BITS) | ((long) frame.index() << DEPTH_BITS);
                    for (int i = Math.max(0, chain.size() - 1 - MAX_INLINED); i < chain.size() - 1; i++) {
                        SourceLocation call = chain.get(i);
                        rows.add(new MemoryRegion(view, RegionKind.INLINED_FRAME.regionId(view.id(), inlinedPosition | (chain.size() - 1 - i)),
                                "stack", RegionKind.INLINED_FRAME.label(), frame.sp(), frame.sp(), null, frame.module(), frame.staticPc(),
                                threads.get(t).tid(), frame.index(), call.linkageName() != null ? RustSymbols.demangle(call.linkageName()) : call.function(),
                                null, null, frame.pc(), call.linkageName() == null ? null : RustSymbols.crateOf(call.linkageName()), "inlined", () -> call, null, null));
                    }
                }
                if (filter.wantsKind(RegionKind.FRAME)) {
                    FrameSymbol symbol = symbolizer.symbolize(frame);
                    rows.add(new MemoryRegion(view, RegionKind.FRAME.regionId(view.id(), position),
                            "stack", RegionKind.FRAME.label(), frame.sp(), frame.cfa(), null, frame.module(), frame.staticPc(),
                            threads.get(t).tid(), frame.index(), symbol.function(), null, null, frame.pc(), symbol.crate(),
                            frame.method().label(), source::outermost, null, null));
                }
            }
        }
        return rows;
    }
}
