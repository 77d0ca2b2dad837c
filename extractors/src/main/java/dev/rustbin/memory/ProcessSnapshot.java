package dev.rustbin.memory;

import dev.rustbin.memory.alloc.AllocationCut;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A process's memory, map and threads at one moment, whatever took it: a core file, a live pid, or
 * a program rustbin launched. Every snapshot of a connection stays open, so snapshots can be
 * compared with joins; closing it releases (and for live captures deletes) the captured bytes.
 *
 * @param id          connection-unique, increasing with time
 * @param timestampNanos when the threads were frozen (ns since the epoch)
 * @param source      core, live or launch
 * @param trigger     manual, timer, breakpoint or exit (core: manual)
 * @param origin      the core file or "pid N", for errors and for the memory_snapshots table
 * @param executable  the program's executable, the binary the snapshot's rows belong to
 * @param auxv        the auxiliary vector (AT_* type to value)
 * @param detail      what fired the trigger (the breakpoint's symbol), or null
 * @param allocations where the snapshot falls in the launch's allocation recording, or null when allocations were not tracked
 */
public record ProcessSnapshot(long id, long timestampNanos, long pid, String source, String trigger, String origin,
                              Path executable, List<MemoryMapping> mappings, List<ThreadState> threads,
                              Map<Long, Long> auxv, CapturedMemory memory, String detail, AllocationCut allocations) implements AutoCloseable {

    public ProcessSnapshot(long id, long timestampNanos, long pid, String source, String trigger, String origin, Path executable,
                           List<MemoryMapping> mappings, List<ThreadState> threads, Map<Long, Long> auxv, CapturedMemory memory, String detail) {
        this(id, timestampNanos, pid, source, trigger, origin, executable, mappings, threads, auxv, memory, detail, null);
    }

    public static final long AT_PHDR = 3;
    public static final long AT_ENTRY = 9;
    public static final long AT_EXECFN = 31;

    /** The same capture under another id and trigger (a registry numbers snapshots as they arrive). */
    public ProcessSnapshot withId(long newId) {
        return new ProcessSnapshot(newId, timestampNanos, pid, source, trigger, origin, executable, mappings, threads, auxv, memory, detail,
                allocations);
    }

    /** The same capture, placed in an allocation recording. */
    public ProcessSnapshot withAllocations(AllocationCut cut) {
        return new ProcessSnapshot(id, timestampNanos, pid, source, trigger, origin, executable, mappings, threads, auxv, memory, detail, cut);
    }

    /** Bytes of every captured range. */
    public long capturedBytes() {
        return memory.ranges().stream().mapToLong(CapturedMemory.Range::size).sum();
    }

    public MemoryMapping mappingAt(long address) {
        for (MemoryMapping m : mappings) {
            if (m.contains(address)) {
                return m;
            }
        }
        return null;
    }

    @Override
    public void close() {
        memory.close();
    }
}
