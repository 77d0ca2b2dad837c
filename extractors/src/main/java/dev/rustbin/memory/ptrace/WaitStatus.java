package dev.rustbin.memory.ptrace;

/**
 * A status word from waitpid, decoded as the W* macros of sys/wait.h do; for a ptrace-stop, the
 * event (PTRACE_EVENT_*, in bits 16-23) tells an event stop from a signal-delivery stop (event 0).
 */
record WaitStatus(int tid, int raw) {

    static final int EVENT_FORK = 1;
    static final int EVENT_VFORK = 2;
    static final int EVENT_CLONE = 3;
    static final int EVENT_EXEC = 4;
    static final int EVENT_VFORK_DONE = 5;
    static final int EVENT_EXIT = 6;
    /** An interrupt (PTRACE_INTERRUPT), a group-stop, or the first stop of an auto-attached thread. */
    static final int EVENT_STOP = 128;

    boolean exited() {
        return (raw & 0x7f) == 0;
    }

    int exitCode() {
        return (raw >> 8) & 0xff;
    }

    boolean killed() {
        return (raw & 0x7f) != 0 && (raw & 0xff) != 0x7f;
    }

    int termSignal() {
        return raw & 0x7f;
    }

    boolean gone() {
        return exited() || killed();
    }

    boolean stopped() {
        return (raw & 0xff) == 0x7f;
    }

    int stopSignal() {
        return (raw >> 8) & 0xff;
    }

    int event() {
        return (raw >> 16) & 0xff;
    }

    /** A signal about to be delivered: the tracer decides whether the thread gets it when resumed. */
    boolean signalDelivery() {
        return stopped() && event() == 0;
    }

    /** The shell's convention: the exit code, or 128 + the signal that killed the process. */
    int shellStatus() {
        return exited() ? exitCode() : 128 + termSignal();
    }
}
