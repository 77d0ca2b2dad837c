package dev.rustbin.memory.ptrace;

import dev.rustbin.threads.JoinedThread;
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
        try {
            return JoinedThread.call(name, 0, work::call);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
