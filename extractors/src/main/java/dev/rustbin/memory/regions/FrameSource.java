package dev.rustbin.memory.regions;

import dev.rustbin.dwarf.SourceLocation;
import dev.rustbin.memory.SnapshotView;
import dev.rustbin.memory.unwind.StackFrame;
import java.util.List;

/**
 * The DWARF source chain of one frame's lookup pc (the call itself, for a caller), innermost first,
 * looked up on first use: a query that reads no source column never opens a module's DWARF.
 */
final class FrameSource {

    private final SnapshotView view;
    private final StackFrame frame;
    private List<SourceLocation> chain;

    FrameSource(SnapshotView view, StackFrame frame) {
        this.view = view;
        this.frame = frame;
    }

    synchronized List<SourceLocation> chain() {
        if (chain == null) {
            long pc = frame.lookupPc();
            chain = view.modules().moduleAt(pc).map(m -> m.sourceAt(m.staticAddress(pc))).orElse(List.of());
        }
        return chain;
    }

    /** The frame's own location: the call site of the outermost call inlined at its pc, or its pc's line. */
    SourceLocation outermost() {
        List<SourceLocation> c = chain();
        return c.isEmpty() ? null : c.get(c.size() - 1);
    }
}
