package dev.rustbin.memory.ptrace;

import dev.rustbin.memory.SnapshotException;

/** A ptrace or waitpid call the kernel refused, with its errno so callers can tell a vanished thread (ESRCH) from a denial. */
final class PtraceException extends SnapshotException {

    static final int EPERM = 1;
    static final int ESRCH = 3;
    static final int EINTR = 4;
    static final int ECHILD = 10;

    private final int errno;

    PtraceException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    int errno() {
        return errno;
    }

    boolean vanished() {
        return errno == ESRCH || errno == ECHILD;
    }
}
