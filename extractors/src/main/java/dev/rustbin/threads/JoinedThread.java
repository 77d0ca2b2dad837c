package dev.rustbin.threads;

/**
 * Runs a piece of work on a daemon thread of its own and waits for it to end, whatever interrupts
 * the caller (the interrupt is restored afterwards): for work that must run on a given thread
 * (ptrace ties tracees to their tracer thread) or needs a deeper stack than the caller's.
 */
public final class JoinedThread {

    private JoinedThread() {
    }

    /** The work, which may throw anything; {@link #call} rethrows it unchanged. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws Throwable;
    }

    /**
     * @param stackBytes the new thread's stack size, or 0 for the JVM's default
     */
    public static <T> T call(String name, long stackBytes, Work<T> work) throws Throwable {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(null, () -> {
            try {
                result[0] = work.run();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, name, stackBytes);
        thread.setDaemon(true);
        thread.start();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                // The work owns what it started (a tracee, a statement): it ends before the caller goes on.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }
}
