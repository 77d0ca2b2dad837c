package dev.rustbin.memory.ptrace;

import java.util.concurrent.Callable;

/**
 * Runs one capture or launch on a thread of its own: every ptrace call for its tracees happens
 * there (the kernel ties tracees to the tracer thread), and when that thread ends the kernel
 * detaches whatever it still traced, so nothing stays stopped even if the work fails halfway.
 */
final class TracerThread {

    private TracerThread() {
    }

    static <T> T call(String name, Callable<T> work) {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                result[0] = work.call();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                // The tracer must finish (and resume its tracee) before the caller may go on.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] instanceof RuntimeException e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        if (failure[0] != null) {
            throw new IllegalStateException(failure[0]);
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }
}
