package dev.rustbin.jdbc;

import dev.rustbin.memory.ProcessSnapshot;
import dev.rustbin.memory.SnapshotException;
import dev.rustbin.memory.SnapshotOwnership;
import dev.rustbin.memory.SnapshotRegistry;
import dev.rustbin.memory.core.CoreFileReader;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The snapshots a connection starts with, from its properties: {@code core} (one or more core
 * files, one per line). A core whose program is not among the connection's binaries is refused;
 * with no binary named, the program a core names becomes the binary.
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

    /** Reads the cores; when {@code binaries} is empty, adds each core's program to it. */
    static List<ProcessSnapshot> readCores(List<Path> cores, List<Path> binaries) throws SQLException {
        List<ProcessSnapshot> snapshots = new ArrayList<>();
        try {
            boolean adopt = binaries.isEmpty();
            for (Path core : cores) {
                ProcessSnapshot snapshot = CoreFileReader.read(core);
                snapshots.add(snapshot);
                if (adopt && snapshot.executable() != null && !binaries.contains(snapshot.executable())) {
                    binaries.add(snapshot.executable());
                }
                SnapshotOwnership.ownerOf(snapshot, binaries);
            }
            return snapshots;
        } catch (SnapshotException e) {
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
