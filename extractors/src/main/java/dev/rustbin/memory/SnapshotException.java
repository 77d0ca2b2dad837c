package dev.rustbin.memory;

/** A snapshot that cannot be taken or read, with a message naming the core file or process. */
public class SnapshotException extends RuntimeException {

    public SnapshotException(String message) {
        super(message);
    }

    public SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
