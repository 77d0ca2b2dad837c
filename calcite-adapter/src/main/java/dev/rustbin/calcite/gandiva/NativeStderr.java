package dev.rustbin.calcite.gandiva;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.concurrent.Callable;

/**
 * Gandiva's native code logs to the process's standard error (its cache size, the CPU's feature
 * list) when it loads and compiles; a CLI user must never see those lines. While a native call
 * that may log runs, file descriptor 2 points at /dev/null; it is restored right after. Java code
 * writing to System.err at that moment loses its output too, so the window is kept to the call.
 */
final class NativeStderr {

    private static final int STDERR = 2;
    private static final int O_WRONLY = 1;

    /** The few libc calls that redirect a descriptor. */
    private interface LibC extends Library {
        int dup(int fd);

        int dup2(int from, int to);

        int open(String path, int flags);

        int close(int fd);
    }

    private static final LibC LIBC = load();

    private NativeStderr() {
    }

    private static LibC load() {
        try {
            return Native.load("c", LibC.class);
        } catch (LinkageError e) {
            return null;
        }
    }

    static synchronized <T> T silenced(Callable<T> call) throws Exception {
        int devNull = LIBC == null ? -1 : LIBC.open("/dev/null", O_WRONLY);
        if (devNull < 0) {
            return call.call();
        }
        System.err.flush();
        int saved = LIBC.dup(STDERR);
        LIBC.dup2(devNull, STDERR);
        LIBC.close(devNull);
        try {
            return call.call();
        } finally {
            LIBC.dup2(saved, STDERR);
            LIBC.close(saved);
        }
    }
}
