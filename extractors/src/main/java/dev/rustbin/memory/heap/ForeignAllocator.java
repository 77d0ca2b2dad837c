package dev.rustbin.memory.heap;

import dev.rustbin.format.Symbol;
import dev.rustbin.memory.ProcessModules;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises a process whose heap is not glibc's malloc, by the symbols of the allocators Rust
 * programs use instead (jemalloc, also with tikv-jemallocator's {@code _rjem_} prefix, mimalloc,
 * tcmalloc), or by the absence of glibc (a static musl binary).
 */
final class ForeignAllocator {

    private static final Map<String, String> MARKERS = Map.of(
            "mallocx", "jemalloc", "je_malloc", "jemalloc", "_rjem_malloc", "jemalloc",
            "mi_malloc", "mimalloc", "tc_malloc", "tcmalloc");

    private ForeignAllocator() {
    }

    /** Why the process's heap is not glibc's ("jemalloc symbols found in libjemalloc.so.2"), if it is not. */
    static Optional<String> of(ProcessModules modules) {
        for (ProcessModules.Module m : modules.modules()) {
            if (isGlibc(m) || isHeaptrack(m)) {
                continue;
            }
            for (Map.Entry<String, String> marker : MARKERS.entrySet()) {
                Optional<Symbol> s = m.symbol(marker.getKey());
                if (s.isPresent() && s.get().type().equals("function")) {
                    return Optional.of(marker.getValue() + " symbols found in " + m.path().getFileName());
                }
            }
        }
        if (modules.byFileName("libc.so").isEmpty()) {
            return Optional.of("no libc.so mapped: a static binary, whose malloc is not glibc's shared one");
        }
        return Optional.empty();
    }

    /** heaptrack's preload library exports mi_malloc and friends to record mimalloc programs, then passes glibc's malloc through. */
    private static boolean isHeaptrack(ProcessModules.Module m) {
        return m.path().getFileName().toString().startsWith("libheaptrack_");
    }

    private static boolean isGlibc(ProcessModules.Module m) {
        String name = m.path().getFileName().toString();
        return name.startsWith("libc.so") || name.startsWith("ld-linux");
    }
}
