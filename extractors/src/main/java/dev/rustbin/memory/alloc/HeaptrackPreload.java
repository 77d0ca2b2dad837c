package dev.rustbin.memory.alloc;

import dev.rustbin.memory.SnapshotException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds heaptrack's preload library, the part of heaptrack that records a program's allocations from inside it. */
public final class HeaptrackPreload {

    /** Where Debian/Ubuntu (package libheaptrack, pulled in by heaptrack), Fedora and source builds put it. */
    private static final List<Path> KNOWN = List.of(
            Path.of("/usr/lib/heaptrack/libheaptrack_preload.so"),
            Path.of("/usr/lib/x86_64-linux-gnu/heaptrack/libheaptrack_preload.so"),
            Path.of("/usr/lib64/heaptrack/libheaptrack_preload.so"),
            Path.of("/usr/local/lib/heaptrack/libheaptrack_preload.so"));

    private HeaptrackPreload() {
    }

    /**
     * The library at {@code configured}, or at the first known place when it is null.
     *
     * @throws SnapshotException saying how to install heaptrack, when there is no such file
     */
    public static Path locate(Path configured) {
        if (configured != null) {
            if (Files.isRegularFile(configured)) {
                return configured;
            }
            throw missing(configured + " does not exist");
        }
        for (Path candidate : KNOWN) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw missing("it is not in " + KNOWN.get(0).getParent());
    }

    private static SnapshotException missing(String why) {
        return new SnapshotException("allocation tracking needs heaptrack's libheaptrack_preload.so, and " + why
                + ": install heaptrack (apt-get install heaptrack, dnf install heaptrack) or name the library with the heaptrack_preload property");
    }
}
