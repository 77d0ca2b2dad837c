package dev.rustbin.calcite;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

/**
 * Gives memory that Arrow has freed back to the operating system. Arrow allocates through malloc,
 * and glibc keeps freed blocks in its arenas: after a connection that held gigabytes of batches
 * closes, the process would otherwise stay that large. Elsewhere (no glibc) this does nothing.
 */
final class FreedMemory {

    private static final Function MALLOC_TRIM = lookup();

    private FreedMemory() {
    }

    static void returnToSystem() {
        if (MALLOC_TRIM != null) {
            MALLOC_TRIM.invokeInt(new Object[] {0L});
        }
    }

    private static Function lookup() {
        try {
            return NativeLibrary.getInstance("c").getFunction("malloc_trim");
        } catch (UnsatisfiedLinkError e) {
            return null;
        }
    }
}
