package dev.rustbin.memory.ptrace;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * ptrace and waitpid for the tracees of one thread. The kernel ties a tracee to the thread that
 * attached it (not to the process), so an instance belongs to the thread that made it and every
 * call checks that; {@link TracerThread} gives each capture or launch a thread of its own.
 */
final class Tracer {

    private static final int PTRACE_CONT = 7;
    private static final int PTRACE_SINGLESTEP = 9;
    private static final int PTRACE_DETACH = 17;
    private static final int PTRACE_GETEVENTMSG = 0x4201;
    private static final int PTRACE_GETREGSET = 0x4204;
    private static final int PTRACE_SETREGSET = 0x4205;
    private static final int PTRACE_SEIZE = 0x4206;
    private static final int PTRACE_INTERRUPT = 0x4207;
    private static final long NT_PRSTATUS = 1;

    static final int O_TRACEFORK = 0x02;
    static final int O_TRACEVFORK = 0x04;
    static final int O_TRACECLONE = 0x08;
    static final int O_TRACEEXEC = 0x10;
    static final int O_TRACEVFORKDONE = 0x20;
    static final int O_TRACEEXIT = 0x40;

    static final int SIGTRAP = 5;
    static final int SIGKILL = 9;
    static final int SIGSTOP = 19;
    static final int SIGCONT = 18;

    private static final int WNOHANG = 1;
    private static final int WUNTRACED = 2;
    private static final int WALL = 0x40000000;

    private final Thread owner = Thread.currentThread();
    private final TraceArchitecture architecture = TraceArchitecture.current();
    private final LibC libc = LibC.INSTANCE;

    TraceArchitecture architecture() {
        return architecture;
    }

    /** Attaches without stopping the thread (no SIGSTOP: if rustbin dies, the kernel detaches and the thread runs on). */
    void seize(int tid, int options) {
        call("SEIZE", PTRACE_SEIZE, tid, null, new Pointer(options));
    }

    void interrupt(int tid) {
        call("INTERRUPT", PTRACE_INTERRUPT, tid, null, null);
    }

    void resume(int tid, int signal) {
        call("CONT", PTRACE_CONT, tid, null, new Pointer(signal));
    }

    void singleStep(int tid) {
        call("SINGLESTEP", PTRACE_SINGLESTEP, tid, null, null);
    }

    /** Lets the thread go, delivering {@code signal} (0 for none); the thread must be in a ptrace-stop. */
    void detach(int tid, int signal) {
        call("DETACH", PTRACE_DETACH, tid, null, new Pointer(signal));
    }

    /** The new thread's or child's id after a clone/fork event. */
    int eventMessage(int tid) {
        try (Memory message = new Memory(8)) {
            message.setLong(0, 0);
            call("GETEVENTMSG", PTRACE_GETEVENTMSG, tid, null, message);
            return (int) message.getLong(0);
        }
    }

    /** The thread's general registers in {@link dev.rustbin.memory.RegisterLayout} order. */
    long[] registers(int tid) {
        int words = architecture.layout().size();
        try (Memory block = new Memory(words * 8L); Memory iov = new Memory(16)) {
            iov.setPointer(0, block);
            iov.setLong(8, words * 8L);
            call("GETREGSET", PTRACE_GETREGSET, tid, new Pointer(NT_PRSTATUS), iov);
            return block.getLongArray(0, words);
        }
    }

    void setRegisters(int tid, long[] registers) {
        try (Memory block = new Memory(registers.length * 8L); Memory iov = new Memory(16)) {
            block.write(0, registers, 0, registers.length);
            iov.setPointer(0, block);
            iov.setLong(8, registers.length * 8L);
            call("SETREGSET", PTRACE_SETREGSET, tid, new Pointer(NT_PRSTATUS), iov);
        }
    }

    /** The next stop or death of a tracee; with {@code block} false, null when it has nothing to report. */
    WaitStatus await(int tid, boolean block) {
        return waitpid(tid, WALL | (block ? 0 : WNOHANG));
    }

    /** Waits for a child of this process (not yet traced) to stop or die. */
    WaitStatus awaitChildStop(int pid) {
        return waitpid(pid, WUNTRACED);
    }

    void kill(int pid, int signal) {
        check();
        try {
            libc.kill(pid, signal);
        } catch (LastErrorException e) {
            throw new PtraceException("kill(" + pid + ", " + signal + "): " + libc.strerror(e.getErrorCode()), e.getErrorCode());
        }
    }

    String describe(int errno) {
        return libc.strerror(errno);
    }

    private WaitStatus waitpid(int tid, int options) {
        check();
        IntByReference status = new IntByReference();
        while (true) {
            try {
                int got = libc.waitpid(tid, status, options);
                return got == 0 ? null : new WaitStatus(got, status.getValue());
            } catch (LastErrorException e) {
                if (e.getErrorCode() != PtraceException.EINTR) {
                    throw new PtraceException("waitpid(" + tid + "): " + libc.strerror(e.getErrorCode()), e.getErrorCode());
                }
            }
        }
    }

    private void call(String name, int request, int tid, Pointer address, Pointer data) {
        check();
        try {
            libc.ptrace(request, tid, address, data);
        } catch (LastErrorException e) {
            throw new PtraceException("ptrace(" + name + ") of thread " + tid + ": " + libc.strerror(e.getErrorCode()), e.getErrorCode());
        }
    }

    private void check() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("ptrace call from " + Thread.currentThread().getName()
                    + ": tracees belong to the thread that attached them, " + owner.getName());
        }
    }
}
