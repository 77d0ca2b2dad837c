package dev.rustbin.memory.regions;

import dev.rustbin.memory.SnapshotView;
import dev.rustbin.memory.ThreadState;
import dev.rustbin.memory.unwind.FrameSymbol;
import dev.rustbin.memory.unwind.FrameSymbolizer;
import dev.rustbin.memory.unwind.StackFrame;
import java.util.ArrayList;
import java.util.List;

/** One memory_regions row per physical stack frame of each thread, innermost first: the bytes [sp, cfa). */
final class FrameRegions {

    /** Frames of one thread share the position space of their thread: thread ordinal in the high bits. */
    private static final int FRAME_BITS = 16;

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
                FrameSymbol symbol = symbolizer.symbolize(frame);
                rows.add(new MemoryRegion(view, RegionKind.FRAME.regionId(view.id(), ((long) t << FRAME_BITS) | frame.index()),
                        "stack", RegionKind.FRAME.label(), frame.sp(), frame.cfa(), null, frame.module(), frame.staticPc(),
                        threads.get(t).tid(), frame.index(), symbol.function(), null, null, frame.pc(), symbol.crate(),
                        frame.method().label(), null, null));
            }
        }
        return rows;
    }
}
