package dev.rustbin.jdbc;

import dev.rustbin.threads.JoinedThread;

/**
 * Runs a statement's parsing, planning and execution on a thread with a deep stack. Calcite
 * converts expressions recursively, so the hundreds of OR'd terms a BI tool generates overflow a
 * default 1 MB stack; the caller's thread (DBeaver's, a pool's) keeps whatever stack it has.
 */
final class PlannerThread {

    /** Enough for thousands of nested terms; it is virtual memory, touched only as deep as a query goes. */
    private static final long STACK_BYTES = 256L << 20;

    private PlannerThread() {
    }

    static Object call(JoinedThread.Work<Object> call) throws Throwable {
        return JoinedThread.call("rustbin-statement", STACK_BYTES, call);
    }
}
