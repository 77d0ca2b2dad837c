package dev.rustbin.memory;

import dev.rustbin.memory.alloc.SnapshotAllocations;
import dev.rustbin.memory.heap.HeapChunk;
import dev.rustbin.memory.heap.HeapReport;
import dev.rustbin.memory.heap.HeapWalker;
import dev.rustbin.memory.unwind.StackFrame;
import dev.rustbin.memory.unwind.StackUnwinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A registered snapshot and what is derived from it on first use (its modules, each thread's
 * unwound stack, the heap walk), shared by every query of the connection so each snapshot is
 * analysed once.
 */
public final class SnapshotView implements AutoCloseable {

    private final ProcessSnapshot snapshot;
    private final Path binary;
    private ProcessModules modules;
    private List<List<StackFrame>> stacks;
    private HeapReport heap;
    private List<MemoryMapping> heapMappings;
    private final Map<Class<?>, Object> derived = new HashMap<>();
    private SnapshotAllocations allocations;

    SnapshotView(ProcessSnapshot snapshot) {
        this.snapshot = snapshot;
        this.binary = SnapshotRegistry.realPath(snapshot.executable());
    }

    public ProcessSnapshot snapshot() {
        return snapshot;
    }

    public long id() {
        return snapshot.id();
    }

    /** The real path of the program's executable. */
    public Path binary() {
        return binary;
    }

    public synchronized ProcessModules modules() {
        if (modules == null) {
            modules = ProcessModules.of(snapshot);
        }
        return modules;
    }

    /** Each thread's physical frames, innermost first, in the order of {@code snapshot().threads()}. */
    public synchronized List<List<StackFrame>> stacks() {
        if (stacks == null) {
            StackUnwinder unwinder = new StackUnwinder(modules());
            List<List<StackFrame>> all = new ArrayList<>();
            for (ThreadState thread : snapshot.threads()) {
                all.add(unwinder.unwind(thread, snapshot.memory()));
            }
            stacks = List.copyOf(all);
        }
        return stacks;
    }

    /** The glibc heap walk (or why the heap was not walked). */
    public synchronized HeapReport heap() {
        if (heap == null) {
            heap = HeapWalker.walk(snapshot, modules());
        }
        return heap;
    }

    /** The tracked allocations live at this snapshot (replayed from its launch's recording), or null when allocations were not tracked. */
    public synchronized SnapshotAllocations allocations() {
        if (allocations == null && snapshot.allocations() != null) {
            allocations = SnapshotAllocations.of(snapshot.allocations(), heap(), snapshot.memory());
        }
        return allocations;
    }

    /** The anonymous mappings that hold heap memory: arenas' heaps and mmapped chunks. */
    public synchronized List<MemoryMapping> heapMappings() {
        if (heapMappings == null) {
            List<MemoryMapping> found = new ArrayList<>();
            HeapReport report = heap();
            for (MemoryMapping m : snapshot.mappings()) {
                boolean arena = report.arenas().stream().flatMap(a -> a.heaps().stream())
                        .anyMatch(h -> m.contains(h.start()) || (Long.compareUnsigned(h.start(), m.start()) <= 0
                                && Long.compareUnsigned(m.start(), h.end()) < 0));
                if (arena) {
                    found.add(m);
                }
            }
            report.mmappedChunks().forEach(chunk -> addMmapped(found, chunk));
            heapMappings = List.copyOf(found);
        }
        return heapMappings;
    }

    /**
     * What another package derives from the snapshot (the heap's reachability graph, say): made by
     * {@code make} on first use, then shared by every query of the connection.
     */
    public synchronized <T> T derived(Class<T> kind, Function<SnapshotView, T> make) {
        Object value = derived.get(kind);
        if (value == null) {
            value = make.apply(this);
            derived.put(kind, value);
        }
        return kind.cast(value);
    }

    private void addMmapped(List<MemoryMapping> found, HeapChunk chunk) {
        if (chunk.mmapped()) {
            MemoryMapping m = snapshot.mappingAt(chunk.chunkAddress());
            if (m != null && !found.contains(m)) {
                found.add(m);
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (modules != null) {
                modules.close();
            }
        } finally {
            snapshot.close();
        }
    }
}
