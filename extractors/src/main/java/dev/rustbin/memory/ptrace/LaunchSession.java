package dev.rustbin.memory.ptrace;

import com.sun.jna.ptr.IntByReference;
import dev.rustbin.memory.ProcessSnapshot;
import dev.rustbin.memory.SnapshotException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * One program run under ptrace, from the stopped shell to the program's death: the event loop that
 * follows its threads (clone events), lets forked children go (without the breakpoint), keeps the
 * breakpoint armed (step over it, put it back), and takes timer, breakpoint and exit snapshots with
 * every thread stopped. Runs on the one thread that created its {@link Tracer}.
 */
final class LaunchSession {

    private static final int OPTIONS = Tracer.O_TRACEEXEC | Tracer.O_TRACEEXIT | Tracer.O_TRACECLONE | Tracer.O_TRACEFORK
            | Tracer.O_TRACEVFORK | Tracer.O_TRACEVFORKDONE;
    private static final long IDLE_NANOS = 1_000_000;
    private static final long FREEZE_TIMEOUT_NANOS = 30_000_000_000L;
    private static final int MAX_STEPS = 64;

    /** A traced thread: whether it sits in a ptrace-stop, and the signal it gets when resumed. */
    private static final class Traced {
        boolean stopped;
        int signal;
    }

    private final Tracer tracer;
    private final LaunchOptions options;
    private final BreakpointSite site;
    private final Path spillDirectory;
    private final Consumer<ProcessSnapshot> onSnapshot;
    private final IntConsumer beforeCapture;
    private final Map<Integer, Traced> threads = new LinkedHashMap<>();
    /** Forked children not yet let go, and whether their memory holds a copy of the breakpoint. */
    private final Map<Integer, Boolean> children = new LinkedHashMap<>();
    private int pid;
    private Breakpoint breakpoint;
    private int hits;
    private int vforksPending;
    private boolean execSeen;
    private boolean freezing;
    private boolean exitPending;
    private boolean exitTaken;
    private long nextTimer;
    private Integer status;

    LaunchSession(Tracer tracer, LaunchOptions options, BreakpointSite site, Path spillDirectory, Consumer<ProcessSnapshot> onSnapshot,
                  IntConsumer beforeCapture) {
        this.tracer = tracer;
        this.options = options;
        this.site = site;
        this.spillDirectory = spillDirectory;
        this.onSnapshot = onSnapshot;
        this.beforeCapture = beforeCapture;
    }

    int run() {
        pid = Spawner.spawnStopped(tracer, options);
        boolean attached = false;
        try {
            tracer.seize(pid, OPTIONS);
            attached = true;
            threads.put(pid, new Traced());
            tracer.kill(pid, Tracer.SIGCONT);
            while (status == null) {
                boolean progressed = poll();
                if (status == null && timerDue()) {
                    deliver(snapshot("timer", null));
                    nextTimer = System.nanoTime() + options.every().toNanos();
                }
                if (!progressed) {
                    LockSupport.parkNanos(options.every() == null ? IDLE_NANOS
                            : Math.max(0, Math.min(IDLE_NANOS, nextTimer - System.nanoTime())));
                }
            }
            return status;
        } finally {
            if (status == null) {
                abandon(attached);
            }
        }
    }

    private boolean timerDue() {
        return options.every() != null && execSeen && !exitTaken && System.nanoTime() >= nextTimer;
    }

    /** Handles what every running thread and pending child has to report; true when there was anything. */
    private boolean poll() {
        boolean progressed = false;
        for (int tid : List.copyOf(threads.keySet())) {
            Traced t = threads.get(tid);
            if (t != null && !t.stopped) {
                WaitStatus s = awaitNow(tid);
                if (s != null) {
                    dispatch(s);
                    progressed = true;
                }
            }
        }
        for (int child : List.copyOf(children.keySet())) {
            WaitStatus s = awaitNow(child);
            if (s != null) {
                letChildGo(s);
                progressed = true;
            }
        }
        return progressed;
    }

    private WaitStatus awaitNow(int tid) {
        try {
            return tracer.await(tid, false);
        } catch (PtraceException e) {
            if (e.vanished() && tid != pid) {
                return new WaitStatus(tid, 0);
            }
            throw e;
        }
    }

    private void dispatch(WaitStatus s) {
        int tid = s.tid();
        Traced t = threads.get(tid);
        if (t == null) {
            return;
        }
        if (s.gone()) {
            threads.remove(tid);
            if (tid == pid) {
                status = s.shellStatus();
            }
            return;
        }
        t.stopped = true;
        switch (s.event()) {
            case WaitStatus.EVENT_EXEC -> onExec();
            case WaitStatus.EVENT_CLONE -> threads.put(tracer.eventMessage(tid), new Traced());
            case WaitStatus.EVENT_FORK, WaitStatus.EVENT_VFORK -> onFork(tracer.eventMessage(tid), s.event() == WaitStatus.EVENT_VFORK);
            case WaitStatus.EVENT_VFORK_DONE -> onVforkDone();
            case WaitStatus.EVENT_EXIT -> exitPending |= tid == pid && execSeen;
            case 0 -> onSignal(tid, t, s.stopSignal());
            default -> {
                // An interrupt, a group-stop or a new thread's first stop: nothing to hand back.
            }
        }
        if (freezing) {
            return;
        }
        if (exitPending && !exitTaken) {
            deliver(snapshot("exit", null));
        } else if (t.stopped && threads.containsKey(tid)) {
            resume(tid, t);
        }
    }

    private void onExec() {
        if (execSeen) {
            // The program exec'd another one: its breakpoint went with the old image.
            breakpoint = null;
            return;
        }
        execSeen = true;
        if (site != null) {
            breakpoint = new Breakpoint(site.runtimeAddress(pid), tracer.architecture().breakpoint());
            breakpoint.insert(pid);
        }
        if (options.every() != null) {
            nextTimer = System.nanoTime() + options.every().toNanos();
        }
    }

    private void onFork(int child, boolean vfork) {
        boolean armed = breakpoint != null && breakpoint.inserted();
        children.put(child, armed && !vfork);
        if (vfork && armed) {
            // A vfork child shares the parent's memory: lift the breakpoint until the child execs or exits.
            breakpoint.remove(pid);
            vforksPending++;
        }
    }

    private void onVforkDone() {
        if (vforksPending > 0 && --vforksPending == 0 && breakpoint != null) {
            breakpoint.insert(pid);
        }
    }

    /** A forked child's first stop: take our breakpoint out of its memory and let it run untraced. */
    private void letChildGo(WaitStatus s) {
        int child = s.tid();
        boolean armed = children.remove(child);
        if (s.gone()) {
            return;
        }
        if (armed && breakpoint != null) {
            breakpoint.removeFrom(child);
        }
        try {
            tracer.detach(child, s.signalDelivery() ? s.stopSignal() : 0);
        } catch (PtraceException e) {
            if (!e.vanished()) {
                throw e;
            }
        }
    }

    private void onSignal(int tid, Traced t, int signal) {
        if (signal == Tracer.SIGTRAP && breakpoint != null && breakpoint.inserted()) {
            long[] registers = tracer.registers(tid);
            int pc = tracer.architecture().layout().pcIndex();
            if (registers[pc] == tracer.architecture().pcAfterTrap(breakpoint.address())) {
                registers[pc] = breakpoint.address();
                tracer.setRegisters(tid, registers);
                if (!freezing) {
                    onBreakpoint(tid);
                }
                // While freezing, the rewound thread meets the trap again when it resumes: the hit counts then.
                return;
            }
        }
        t.signal = signal;
    }

    private void onBreakpoint(int tid) {
        hits++;
        freeze();
        List<ProcessSnapshot> taken = captureAll("breakpoint", site.symbol());
        breakpoint.remove(pid);
        if (hits < options.atMaxHits()) {
            stepOver(tid);
            if (breakpoint != null) {
                breakpoint.insert(pid);
            }
        } else {
            breakpoint = null;
        }
        if (exitPending && !exitTaken) {
            taken.addAll(captureAll("exit", null));
        }
        resumeAll();
        deliver(taken);
    }

    /** Runs one instruction of a thread stopped at the (lifted) breakpoint, the others staying stopped. */
    private void stepOver(int tid) {
        Traced t = threads.get(tid);
        for (int i = 0; i < MAX_STEPS; i++) {
            tracer.singleStep(tid);
            t.stopped = false;
            WaitStatus s = tracer.await(tid, true);
            if (s.gone()) {
                dispatch(s);
                return;
            }
            t.stopped = true;
            if (s.signalDelivery() && s.stopSignal() == Tracer.SIGTRAP) {
                return;
            }
            if (s.signalDelivery()) {
                t.signal = s.stopSignal();
            } else if (s.event() == WaitStatus.EVENT_EXIT) {
                exitPending |= tid == pid;
                return;
            }
        }
        throw new SnapshotException(String.format("pid %d: thread %d did not step past the breakpoint at 0x%x", pid, tid, breakpoint.address()));
    }

    /** Stops every thread (handling what they report meanwhile, without resuming any), takes snapshots, resumes. */
    private List<ProcessSnapshot> snapshot(String trigger, String detail) {
        freeze();
        List<ProcessSnapshot> taken = captureAll(trigger, detail);
        resumeAll();
        return taken;
    }

    private void freeze() {
        freezing = true;
        try {
            for (Map.Entry<Integer, Traced> e : threads.entrySet()) {
                if (!e.getValue().stopped) {
                    interrupt(e.getKey());
                }
            }
            long deadline = System.nanoTime() + FREEZE_TIMEOUT_NANOS;
            while (status == null && threads.values().stream().anyMatch(t -> !t.stopped)) {
                if (!poll()) {
                    if (System.nanoTime() > deadline) {
                        throw new SnapshotException("pid " + pid + ": a thread did not stop within " + FREEZE_TIMEOUT_NANOS / 1_000_000_000 + " s");
                    }
                    LockSupport.parkNanos(IDLE_NANOS / 10);
                }
            }
        } finally {
            freezing = false;
        }
    }

    private void interrupt(int tid) {
        try {
            tracer.interrupt(tid);
        } catch (PtraceException e) {
            if (!e.vanished()) {
                throw e;
            }
        }
    }

    /** The snapshot asked for, and the exit snapshot too when the program began to exit during the freeze. */
    private List<ProcessSnapshot> captureAll(String trigger, String detail) {
        List<ProcessSnapshot> taken = new ArrayList<>();
        if (status != null || threads.isEmpty()) {
            return taken;
        }
        Map<Long, byte[]> originals = breakpoint == null ? Map.of() : breakpoint.originals();
        List<Integer> tids = List.copyOf(threads.keySet());
        beforeCapture.accept(pid);
        taken.add(StoppedProcessCapture.capture(tracer, pid, tids, spillDirectory, "launch", trigger, detail, originals));
        if (exitPending && !exitTaken) {
            exitTaken = true;
            if (!"exit".equals(trigger)) {
                beforeCapture.accept(pid);
                taken.add(StoppedProcessCapture.capture(tracer, pid, tids, spillDirectory, "launch", "exit", null, originals));
            }
        }
        return taken;
    }

    private void deliver(List<ProcessSnapshot> taken) {
        for (int i = 0; i < taken.size(); i++) {
            try {
                onSnapshot.accept(taken.get(i));
            } catch (RuntimeException | Error e) {
                taken.subList(i + 1, taken.size()).forEach(ProcessSnapshot::close);
                throw e;
            }
        }
    }

    private void resumeAll() {
        for (Map.Entry<Integer, Traced> e : List.copyOf(threads.entrySet())) {
            if (e.getValue().stopped) {
                resume(e.getKey(), e.getValue());
            }
        }
    }

    private void resume(int tid, Traced t) {
        try {
            tracer.resume(tid, t.signal);
        } catch (PtraceException e) {
            if (!e.vanished()) {
                throw e;
            }
        }
        t.stopped = false;
        t.signal = 0;
    }

    /**
     * After a failure: a program that never got past the shell is killed (it has not started);
     * one that runs is freed of the breakpoint and detached, and reaped in the background.
     */
    private void abandon(boolean attached) {
        try {
            if (!attached || !execSeen) {
                tracer.kill(pid, Tracer.SIGKILL);
            } else {
                freeze();
                if (breakpoint != null && breakpoint.inserted()) {
                    breakpoint.remove(pid);
                }
                for (Map.Entry<Integer, Traced> e : threads.entrySet()) {
                    if (e.getValue().stopped) {
                        tracer.detach(e.getKey(), e.getValue().signal);
                    }
                }
            }
        } catch (RuntimeException ignored) {
            // The first failure is the one to report; whatever stays traced is detached when the tracer thread ends.
        }
        Thread reaper = new Thread(() -> LibC.INSTANCE.waitpid(pid, new IntByReference(), 0), "rustbin-reaper-" + pid);
        reaper.setDaemon(true);
        reaper.start();
    }
}
