package dev.rustbin.format;

import java.nio.file.Path;

/**
 * A fault while Java code reads a memory-mapped file (the file shrank under the mapping, or its
 * storage failed) reaches the reading thread as an {@link InternalError} from the JVM instead of a
 * SIGBUS; here it becomes an error that names the file.
 */
public final class MappingFaults {

    private MappingFaults() {
    }

    /** True for the JVM's "a fault occurred in a recent unsafe memory access operation". */
    public static boolean isFault(Throwable e) {
        return e instanceof InternalError && e.getMessage() != null && e.getMessage().contains("unsafe memory access");
    }

    public static BinaryFormatException changed(Path file, Throwable fault) {
        return new BinaryFormatException(file, "changed while being read (the file was truncated or rewritten during the query)", fault);
    }
}
