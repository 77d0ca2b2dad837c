package dev.rustbin.memory;

import java.nio.file.Path;

/**
 * A registered snapshot and what is derived from it on first use (its modules), shared by every
 * query of the connection so each snapshot is analysed once.
 */
public final class SnapshotView implements AutoCloseable {

    private final ProcessSnapshot snapshot;
    private final Path binary;
    private ProcessModules modules;

    SnapshotView(ProcessSnapshot snapshot) {
        this.snapshot = snapshot;
        this.binary = SnapshotRegistry.realPath(snapshot.executable());
    }

    public ProcessSnapshot snapshot() {
        return snapshot;
    }

    public long id() {
        return snapshot.id();
    }

    /** The real path of the program's executable. */
    public Path binary() {
        return binary;
    }

    public synchronized ProcessModules modules() {
        if (modules == null) {
            modules = ProcessModules.of(snapshot);
        }
        return modules;
    }

    @Override
    public synchronized void close() {
        try {
            if (modules != null) {
                modules.close();
            }
        } finally {
            snapshot.close();
        }
    }
}
