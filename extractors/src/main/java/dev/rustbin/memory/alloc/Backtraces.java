package dev.rustbin.memory.alloc;

import dev.rustbin.dwarf.SourceLocation;
import dev.rustbin.memory.ProcessModules;
import dev.rustbin.memory.unwind.FrameSymbol;
import dev.rustbin.memory.unwind.FrameSymbolizer;
import dev.rustbin.rust.RustSymbols;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Symbolized backtraces of a recording: each tree node's address is symbolized once (its function,
 * the calls inlined there, their source lines by DWARF) and each node's site found once, however
 * many allocations share them.
 */
public final class Backtraces implements AutoCloseable {

    private final TraceTree tree;
    private final ProcessModules modules;
    private final FrameSymbolizer symbolizer;
    private final Map<Integer, List<BacktraceFrame>> frames = new HashMap<>();
    private final Map<Integer, String> sites = new HashMap<>();

    Backtraces(TraceTree tree, ProcessModules modules) {
        this.tree = tree;
        this.modules = modules;
        this.symbolizer = new FrameSymbolizer(modules);
    }

    /** The frames of the backtrace ending in {@code node}, innermost first (empty for an unknown node). */
    public synchronized List<BacktraceFrame> frames(int node) {
        List<BacktraceFrame> out = new ArrayList<>();
        for (int n = node; tree.contains(n); n = tree.parent(n)) {
            for (BacktraceFrame f : framesAt(n)) {
                out.add(f.at(node, out.size()));
            }
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
                for (BacktraceFrame f : framesAt(m)) {
                    if (!f.allocator()) {
                        return f.location();
                    }
                }
            }
            return null;
        });
    }

    /** The frames one address stands for: the inlined calls there, innermost first, then the function holding it. */
    private List<BacktraceFrame> framesAt(int node) {
        return frames.computeIfAbsent(node, n -> {
            long ip = tree.ip(n);
            FrameSymbol symbol = symbolizer.symbolizeCode(ip);
            Optional<ProcessModules.Module> module = modules.moduleAt(ip);
            Long staticAddress = module.map(m -> m.staticAddress(ip)).orElse(null);
            List<SourceLocation> chain = module.map(m -> m.sourceAt(m.staticAddress(ip))).orElse(List.of());
            List<BacktraceFrame> out = new ArrayList<>();
            for (int i = 0; i < chain.size() - 1; i++) {
                SourceLocation call = chain.get(i);
                String function = call.linkageName() != null ? RustSymbols.demangle(call.linkageName()) : call.function();
                out.add(frame(n, ip, staticAddress, function, symbol.module(), call, true));
            }
            out.add(frame(n, ip, staticAddress, symbol.function(), symbol.module(), chain.isEmpty() ? null : chain.get(chain.size() - 1), false));
            return List.copyOf(out);
        });
    }

    private static BacktraceFrame frame(int node, long ip, Long staticAddress, String function, String module, SourceLocation at,
                                        boolean inlined) {
        String file = at == null ? null : at.file();
        return new BacktraceFrame(node, 0, ip, staticAddress, function, module, file, at == null ? null : (int) at.line(), inlined,
                AllocatorFrames.isAllocator(function, module, file));
    }

    @Override
    public void close() {
        modules.close();
    }
}
