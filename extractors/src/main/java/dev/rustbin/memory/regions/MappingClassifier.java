package dev.rustbin.memory.regions;

import dev.rustbin.memory.MemoryMapping;
import dev.rustbin.memory.ProcessSnapshot;
import dev.rustbin.memory.SnapshotView;
import dev.rustbin.memory.ThreadState;
import java.util.List;
import java.util.Set;

/**
 * Names what a mapping holds: code, global (a module's writable data and its bss), rodata, heap,
 * stack, guard, vdso, vvar, vsyscall, or plain anonymous mapping. A core does not keep the kernel's
 * "[heap]" and "[stack]" names, and thread arenas and mmapped chunks never have them: a mapping
 * holding a thread's stack pointer is a stack, one the heap walk found malloc memory in is heap.
 */
public final class MappingClassifier {

    /** Every type a mapping row can have. */
    public static final Set<String> TYPES = Set.of("code", "global", "rodata", "heap", "stack", "guard", "vdso", "vvar", "vsyscall", "mapping");

    private MappingClassifier() {
    }

    public static String typeOf(SnapshotView view, int index) {
        ProcessSnapshot snapshot = view.snapshot();
        List<MemoryMapping> mappings = snapshot.mappings();
        MemoryMapping m = mappings.get(index);
        switch (m.name()) {
            case "[heap]":
                return "heap";
            case "[stack]":
                return "stack";
            case "[vdso]":
                return "vdso";
            case "[vvar]":
                return "vvar";
            case "[vsyscall]":
                return "vsyscall";
            default:
                break;
        }
        if (m.name().startsWith("[stack:")) {
            return "stack";
        }
        if (m.isFile()) {
            return m.executable() ? "code" : m.writable() ? "global" : "rodata";
        }
        if (!m.readable() && !m.writable() && !m.executable()) {
            return "guard";
        }
        if (holdsStackPointer(snapshot.threads(), m)) {
            return "stack";
        }
        if (m.writable() && view.heapMappings().contains(m)) {
            return "heap";
        }
        if (m.writable() && index > 0 && isBssOf(mappings.get(index - 1), m)) {
            return "global";
        }
        return "mapping";
    }

    /** The thread whose stack pointer lies in the mapping, if any. */
    public static ThreadState threadOf(List<ThreadState> threads, MemoryMapping m) {
        for (ThreadState t : threads) {
            if (m.contains(t.sp())) {
                return t;
            }
        }
        return null;
    }

    private static boolean holdsStackPointer(List<ThreadState> threads, MemoryMapping m) {
        return threadOf(threads, m) != null;
    }

    /** An anonymous writable mapping that starts where a module's writable data ends is that module's .bss. */
    private static boolean isBssOf(MemoryMapping previous, MemoryMapping m) {
        return previous.isFile() && previous.writable() && previous.end() == m.start();
    }
}
