package dev.rustbin.jdbc;

import dev.rustbin.cache.RustbinDirectories;
import dev.rustbin.memory.ProcessSnapshot;
import dev.rustbin.memory.SnapshotException;
import dev.rustbin.memory.SnapshotOwnership;
import dev.rustbin.memory.SnapshotRegistry;
import dev.rustbin.memory.SnapshotTaker;
import dev.rustbin.memory.core.CoreFileReader;
import dev.rustbin.memory.ptrace.LiveCapture;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The snapshots a connection starts with, from its properties: {@code core} (one or more core
 * files, one per line) and {@code pid} (a live process, snapshotted at connect and again by
 * take_snapshot()). A snapshot whose program is not among the connection's binaries is refused;
 * with no binary named, the snapshot's program becomes the binary.
 */
final class SnapshotSources {

    private SnapshotSources() {
    }

    /** Paths of the core files the properties name. */
    static List<Path> cores(Properties info) {
        List<Path> cores = new ArrayList<>();
        String value = ConnectionProperties.CORE.valueIn(info);
        if (value != null) {
            value.lines().filter(l -> !l.isBlank()).map(Path::of).forEach(cores::add);
        }
        return cores;
    }

    /** The live process the properties name, or null. */
    static SnapshotTaker liveProcess(Properties info) throws SQLException {
        String value = ConnectionProperties.PID.valueIn(info);
        if (value == null || value.isBlank()) {
            return null;
        }
        long pid;
        try {
            pid = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new SQLException("rustbin: pid must be a process id, not '" + value + "'", "08001");
        }
        return trigger -> LiveCapture.capture(pid, RustbinDirectories.snapshots(), trigger);
    }

    /**
     * Reads the cores and takes the first live snapshot; when {@code binaries} is empty, adds each
     * snapshot's program to it.
     */
    static List<ProcessSnapshot> initial(List<Path> cores, SnapshotTaker live, List<Path> binaries) throws SQLException {
        List<ProcessSnapshot> snapshots = new ArrayList<>();
        try {
            boolean adopt = binaries.isEmpty();
            for (Path core : cores) {
                snapshots.add(CoreFileReader.read(core));
            }
            if (live != null) {
                snapshots.add(live.take("manual"));
            }
            for (ProcessSnapshot snapshot : snapshots) {
                if (adopt && snapshot.executable() != null && !binaries.contains(snapshot.executable())) {
                    binaries.add(snapshot.executable());
                }
                SnapshotOwnership.ownerOf(snapshot, binaries);
            }
            return snapshots;
        } catch (SnapshotException | UncheckedIOException e) {
            snapshots.forEach(ProcessSnapshot::close);
            throw new SQLException("rustbin: " + e.getMessage(), "08001", e);
        }
    }

    static SnapshotRegistry registryOf(List<ProcessSnapshot> snapshots) {
        SnapshotRegistry registry = new SnapshotRegistry();
        snapshots.forEach(registry::add);
        return registry;
    }
}
