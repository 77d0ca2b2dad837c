package dev.rustbin.memory.ptrace;

import dev.rustbin.memory.SnapshotException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Every thread of a running process held still for a live snapshot: each is attached with
 * PTRACE_SEIZE and stopped with PTRACE_INTERRUPT (never SIGSTOP, so a dying rustbin leaves the
 * process running), and /proc/PID/task is listed again until no new thread appears. Closing
 * detaches them all, handing back any signal that arrived during the freeze.
 */
final class SeizedProcess implements AutoCloseable {

    private static final int MAX_ROUNDS = 1000;
    private static final int DETACH_POLLS = 200;
    private static final long STOP_TIMEOUT_NANOS = 30_000_000_000L;
    private static final long POLL_NANOS = 50_000;

    private final Tracer tracer;
    private final long pid;
    /** Seized thread to the signal it must get back on detach; null while it has not stopped yet. */
    private final Map<Integer, Integer> seized = new LinkedHashMap<>();

    SeizedProcess(Tracer tracer, long pid) {
        this.tracer = tracer;
        this.pid = pid;
    }

    Set<Integer> threads() {
        return seized.keySet();
    }

    void freeze() {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            // A zombie thread has finished and never stops for a tracer.
            List<Integer> fresh = ProcFiles.threads(pid).stream().filter(t -> !seized.containsKey(t) && !ProcFiles.zombie(pid, t)).toList();
            if (fresh.isEmpty()) {
                if (seized.isEmpty()) {
                    throw new SnapshotException(ProcFiles.exists(pid) ? "pid " + pid + " has exited (a zombie its parent has not reaped)"
                            : "pid " + pid + ": no such process");
                }
                return;
            }
            List<Integer> interrupted = fresh.stream().filter(this::seizeAndInterrupt).toList();
            for (int tid : interrupted) {
                awaitStop(tid);
            }
        }
        throw new SnapshotException("pid " + pid + ": its threads kept multiplying during " + MAX_ROUNDS + " rounds of freezing");
    }

    private boolean seizeAndInterrupt(int tid) {
        try {
            tracer.seize(tid, 0);
        } catch (PtraceException e) {
            if (e.errno() == PtraceException.EPERM) {
                // The kernel also refuses a process that is already exiting: that is no permission problem.
                if (ProcFiles.exitsShortly(pid)) {
                    throw new SnapshotException("pid " + pid + " exited during the snapshot");
                }
                throw new SnapshotException("pid " + pid + " (" + ProcFiles.command(pid) + "): cannot trace it: " + TraceDenial.explain(pid));
            }
            if (e.vanished()) {
                if (tid == pid) {
                    throw new SnapshotException("pid " + pid + ": no such process");
                }
                return false;
            }
            throw e;
        }
        seized.put(tid, null);
        tracer.interrupt(tid);
        return true;
    }

    private void awaitStop(int tid) {
        WaitStatus s = tracer.await(tid, false);
        for (long start = System.nanoTime(); s == null; s = tracer.await(tid, false)) {
            if (System.nanoTime() - start > STOP_TIMEOUT_NANOS) {
                throw new SnapshotException("pid " + pid + ": thread " + tid + " did not stop within " + STOP_TIMEOUT_NANOS / 1_000_000_000 + " s");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        if (s.gone()) {
            seized.remove(tid);
            if (tid == pid) {
                throw StoppedProcessCapture.exited(pid);
            }
            return;
        }
        // A signal-delivery stop holds the signal back: it is delivered on detach. Any other stop carries none.
        seized.put(tid, s.signalDelivery() ? s.stopSignal() : 0);
    }

    /** Resumes every thread. One still on its way to the interrupt stop (an error came first) is waited for briefly. */
    @Override
    public void close() {
        for (Map.Entry<Integer, Integer> e : seized.entrySet()) {
            int tid = e.getKey();
            Integer signal = e.getValue();
            try {
                for (int i = 0; signal == null && i < DETACH_POLLS; i++) {
                    WaitStatus s = tracer.await(tid, false);
                    if (s != null) {
                        signal = s.gone() ? -1 : s.signalDelivery() ? s.stopSignal() : 0;
                    } else {
                        Thread.sleep(5);
                    }
                }
                if (signal != null && signal >= 0) {
                    tracer.detach(tid, signal);
                }
            } catch (PtraceException ignored) {
                // The thread is gone; and a thread not detached here is detached by the kernel when this tracer thread ends.
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }
        seized.clear();
    }
}
