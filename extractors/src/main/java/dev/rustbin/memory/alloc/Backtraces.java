package dev.rustbin.memory.alloc;

import dev.rustbin.memory.ProcessModules;
import dev.rustbin.memory.unwind.FrameSymbol;
import dev.rustbin.memory.unwind.FrameSymbolizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Symbolized backtraces of a recording: each tree node's frame is symbolized once (function, source
 * line) and each node's site found once, however many allocations share them.
 */
public final class Backtraces implements AutoCloseable {

    private final TraceTree tree;
    private final ProcessModules modules;
    private final FrameSymbolizer symbolizer;
    private final SourceLines lines;
    private final Map<Integer, BacktraceFrame> frames = new HashMap<>();
    private final Map<Integer, String> sites = new HashMap<>();

    Backtraces(TraceTree tree, ProcessModules modules, SourceLines lines) {
        this.tree = tree;
        this.modules = modules;
        this.symbolizer = new FrameSymbolizer(modules);
        this.lines = lines;
    }

    /** The frames of the backtrace ending in {@code node}, innermost first (empty for an unknown node). */
    public synchronized List<BacktraceFrame> frames(int node) {
        List<BacktraceFrame> out = new ArrayList<>();
        int index = 0;
        for (int n = node; tree.contains(n); n = tree.parent(n)) {
            BacktraceFrame f = frame(n);
            out.add(new BacktraceFrame(node, index++, f.address(), f.staticAddress(), f.function(), f.module(), f.file(), f.line(), f.allocator()));
        }
        return out;
    }

    /** Where the allocation happened: the innermost frame outside the allocator, as file:line (or its function), or null. */
    public synchronized String site(int node) {
        if (!tree.contains(node)) {
            return null;
        }
        return sites.computeIfAbsent(node, n -> {
            for (int m = n; tree.contains(m); m = tree.parent(m)) {
                BacktraceFrame f = frame(m);
                if (!f.allocator()) {
                    return f.location();
                }
            }
            return null;
        });
    }

    private BacktraceFrame frame(int node) {
        return frames.computeIfAbsent(node, n -> {
            long ip = tree.ip(n);
            FrameSymbol symbol = symbolizer.symbolizeCode(ip);
            Optional<ProcessModules.Module> module = modules.moduleAt(ip);
            Long staticAddress = module.map(m -> m.staticAddress(ip)).orElse(null);
            SourceLines.SourceLine line = module.map(m -> lines.at(m, m.staticAddress(ip))).orElse(null);
            return new BacktraceFrame(n, 0, ip, staticAddress, symbol.function(), symbol.module(), line == null ? null : line.file(),
                    line == null ? null : line.line(), AllocatorFrames.isAllocator(symbol.function(), symbol.module()));
        });
    }

    @Override
    public void close() {
        modules.close();
    }
}
