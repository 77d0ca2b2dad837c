package dev.rustbin.memory.regions;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.Segment;
import dev.rustbin.format.Symbol;
import dev.rustbin.memory.ProcessModules;
import dev.rustbin.memory.SnapshotView;
import dev.rustbin.memory.ThreadState;
import dev.rustbin.rust.RustSymbols;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One memory_regions row per static of the program's executable (its data, bss and read-only object
 * symbols, at their runtime addresses), and per thread for each thread-local static.
 */
final class StaticRegions {

    private StaticRegions() {
    }

    static List<MemoryRegion> of(SnapshotView view, RegionFilter filter) {
        List<MemoryRegion> rows = new ArrayList<>();
        Optional<ProcessModules.Module> exe = view.modules().modules().stream()
                .filter(m -> view.binary() != null && view.binary().equals(realPath(m))).findFirst();
        if (exe.isEmpty() || exe.get().image() == null) {
            return rows;
        }
        ProcessModules.Module module = exe.get();
        BinaryImage image = module.image();
        Segment tls = image.segments().stream().filter(s -> "TLS".equals(s.type())).findFirst().orElse(null);
        List<ThreadState> threads = view.snapshot().threads();
        Set<String> seen = new HashSet<>();
        int position = 0;
        for (Symbol s : image.symbols()) {
            boolean threadLocal = s.type().equals("tls");
            if (!s.defined() || s.size() <= 0 || !(s.type().equals("variable") || threadLocal)
                    || !seen.add(s.name() + "@" + s.address())) {
                continue;
            }
            if (!threadLocal) {
                long start = module.runtimeAddress(s.address());
                int index = position++;
                if (filter.wantsType("global") && filter.wantsStart(start)) {
                    rows.add(region(view, index, "global", start, s, module, null));
                }
                continue;
            }
            for (ThreadState thread : threads) {
                int index = position++;
                if (tls == null || !filter.wantsType("tls")) {
                    continue;
                }
                long start = threadPointer(thread) - alignUp(tls.memorySize(), Math.max(1, tls.alignment())) + s.address();
                if (filter.wantsStart(start)) {
                    rows.add(region(view, index, "tls", start, s, module, thread.tid()));
                }
            }
        }
        return rows;
    }

    private static MemoryRegion region(SnapshotView view, int index, String type, long start, Symbol s,
                                       ProcessModules.Module module, Long tid) {
        return new MemoryRegion(view, RegionKind.STATIC.regionId(view.id(), index), type, RegionKind.STATIC.label(),
                start, start + s.size(), null, module.path().toString(), s.address(), tid, null, null, RustSymbols.demangle(s.name()),
                null, null, null, null);
    }

    /**
     * x86_64 keeps the thread pointer in fs_base, and the executable's TLS block ends just below it
     * (TLS variant II), rounded to the block's alignment.
     */
    private static long threadPointer(ThreadState thread) {
        return thread.registers()[thread.layout().indexOf("fs_base")];
    }

    private static long alignUp(long value, long alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }

    private static java.nio.file.Path realPath(ProcessModules.Module m) {
        try {
            return m.path().toRealPath();
        } catch (java.io.IOException e) {
            return m.path();
        }
    }
}
