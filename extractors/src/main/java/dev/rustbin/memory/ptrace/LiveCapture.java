package dev.rustbin.memory.ptrace;

import dev.rustbin.memory.ProcessSnapshot;
import dev.rustbin.memory.SnapshotException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A snapshot of a running process: every thread frozen (PTRACE_SEIZE + PTRACE_INTERRUPT), its map,
 * threads, registers, auxiliary vector and readable memory copied to an unlinked spill file, then
 * every thread resumed, on success and on every failure. If the JVM dies meanwhile, the kernel
 * detaches the threads and the process runs on.
 */
public final class LiveCapture {

    private LiveCapture() {
    }

    /**
     * @param pid            the process to snapshot
     * @param spillDirectory rustbin's own cache directory for the spill file (created if needed; the file is unlinked at once)
     * @param trigger        what asked for the snapshot ("manual", "timer", ...)
     * @return a snapshot with source "live" and id 0 (a registry renumbers it); closing it frees the spill file
     * @throws SnapshotException naming the pid: no such process, not permitted (and why), exited during the snapshot
     */
    public static ProcessSnapshot capture(long pid, Path spillDirectory, String trigger) {
        if (pid <= 0 || pid > Integer.MAX_VALUE || !ProcFiles.exists(pid)) {
            throw new SnapshotException("pid " + pid + ": no such process");
        }
        long self = ProcessHandle.current().pid();
        if (pid == self) {
            throw new SnapshotException("pid " + pid + " is rustbin itself; a process cannot trace itself");
        }
        if (Long.toString(self).equals(ProcFiles.status(pid, "PPid"))) {
            // waitpid from any thread of the parent sees a tracee's stops, so the JVM's process reaper would take them.
            throw new SnapshotException("pid " + pid + " is a child of this JVM, whose process reaper would take its ptrace stops;"
                    + " start it from a shell that exits (\"sh -c 'prog &'\") or run it with ProgramLauncher");
        }
        return TracerThread.call("rustbin-capture-" + pid, () -> {
            Tracer tracer = new Tracer();
            try (SeizedProcess process = new SeizedProcess(tracer, pid)) {
                process.freeze();
                return StoppedProcessCapture.capture(tracer, pid, process.threads(), spillDirectory, "live", trigger, null, Map.of());
            }
        });
    }
}
