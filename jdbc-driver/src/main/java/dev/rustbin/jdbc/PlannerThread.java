package dev.rustbin.jdbc;

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

    interface Call {
        Object run() throws Throwable;
    }

    static Object call(Call call) throws Throwable {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(null, () -> {
            try {
                result[0] = call.run();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "rustbin-statement", STACK_BYTES);
        worker.setDaemon(true);
        worker.start();
        boolean interrupted = false;
        while (true) {
            try {
                worker.join();
                break;
            } catch (InterruptedException e) {
                // The statement owns the work; the caller's interrupt is restored once it has ended.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return result[0];
    }
}
