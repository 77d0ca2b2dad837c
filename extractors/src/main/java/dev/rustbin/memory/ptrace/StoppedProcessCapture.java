package dev.rustbin.memory.ptrace;

import dev.rustbin.memory.AuxiliaryVector;
import dev.rustbin.memory.CapturedMemory;
import dev.rustbin.memory.MemoryMapping;
import dev.rustbin.memory.ProcessSnapshot;
import dev.rustbin.memory.SnapshotException;
import dev.rustbin.memory.ThreadState;
import dev.rustbin.memory.maps.ProcMaps;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Takes a snapshot of a process whose threads the caller's {@link Tracer} holds stopped: its map,
 * each thread's name and registers, the auxiliary vector, and its readable memory in a spill file.
 * Shared by live captures and launches; stopping and resuming stay with the caller.
 */
final class StoppedProcessCapture {

    private StoppedProcessCapture() {
    }

    /**
     * @param tids      the stopped threads; one that died meanwhile is left out
     * @param originals breakpoint addresses to the bytes they replaced, put back in the captured copy
     */
    static ProcessSnapshot capture(Tracer tracer, long pid, Collection<Integer> tids, Path spillDirectory, String source,
                                   String trigger, String detail, Map<Long, byte[]> originals) {
        long timestamp = nanosNow();
        try {
            List<ThreadState> threads = new ArrayList<>();
            for (int tid : tids) {
                long[] registers;
                try {
                    registers = tracer.registers(tid);
                } catch (PtraceException e) {
                    if (e.vanished()) {
                        continue;
                    }
                    throw e;
                }
                threads.add(new ThreadState(tid, ProcFiles.threadName(pid, tid), tracer.architecture().layout(), registers));
            }
            if (threads.isEmpty()) {
                throw exited(pid);
            }
            List<MemoryMapping> mappings = ProcMaps.read(pid);
            Map<Long, Long> auxv = Map.copyOf(AuxiliaryVector.parse(ProcFiles.auxv(pid)));
            Path executable = ProcFiles.executable(pid);
            CapturedMemory memory = MemorySpill.copy(pid, mappings, spillDirectory, originals);
            return new ProcessSnapshot(0, timestamp, pid, source, trigger, "pid " + pid, executable, mappings,
                    List.copyOf(threads), auxv, memory, detail);
        } catch (IOException | SnapshotException e) {
            if (!ProcFiles.exists(pid)) {
                throw exited(pid);
            }
            if (e instanceof SnapshotException s) {
                throw s;
            }
            throw new SnapshotException("pid " + pid + ": cannot read its state (" + e.getMessage() + ")", e);
        }
    }

    static SnapshotException exited(long pid) {
        return new SnapshotException("pid " + pid + " exited during the snapshot");
    }

    private static long nanosNow() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
