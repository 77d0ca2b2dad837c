package dev.rustbin.memory;

import java.nio.file.Path;
import java.util.List;

/**
 * Decides which of a connection's binaries a snapshot belongs to: the one the process ran (same
 * real path as the executable it mapped). A core handed with the wrong program is refused, since
 * its addresses would be read against the wrong symbols.
 */
public final class SnapshotOwnership {

    private SnapshotOwnership() {
    }

    /** The binary of {@code binaries} that {@code snapshot}'s process ran; throws when there is none. */
    public static Path ownerOf(ProcessSnapshot snapshot, List<Path> binaries) {
        Path executable = SnapshotRegistry.realPath(snapshot.executable());
        if (executable == null) {
            throw new SnapshotException(snapshot.origin() + ": the snapshot does not name the program's executable");
        }
        for (Path binary : binaries) {
            if (executable.equals(SnapshotRegistry.realPath(binary))) {
                return binary;
            }
        }
        throw new SnapshotException(snapshot.origin() + ": snapshot of " + executable + " (pid " + snapshot.pid()
                + "), which is not " + (binaries.size() == 1 ? binaries.get(0) : "any of " + binaries));
    }
}
