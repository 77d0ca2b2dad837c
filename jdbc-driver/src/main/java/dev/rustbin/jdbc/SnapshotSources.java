package dev.rustbin.jdbc;

import dev.rustbin.cache.RustbinDirectories;
import dev.rustbin.memory.ProcessSnapshot;
import dev.rustbin.memory.SnapshotException;
import dev.rustbin.memory.SnapshotOwnership;
import dev.rustbin.memory.SnapshotRegistry;
import dev.rustbin.memory.SnapshotTaker;
import dev.rustbin.memory.alloc.AllocationCut;
import dev.rustbin.memory.alloc.AllocationRecorder;
import dev.rustbin.memory.alloc.AllocationRecording;
import dev.rustbin.memory.alloc.HeaptrackPreload;
import dev.rustbin.memory.core.CoreFileReader;
import dev.rustbin.memory.ptrace.LaunchOptions;
import dev.rustbin.memory.ptrace.LiveCapture;
import dev.rustbin.memory.ptrace.ProgramLauncher;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The snapshots a connection starts with, from its properties: {@code core} (one or more core
 * files, one per line) and {@code pid} (a live process, snapshotted at connect and again by
 * take_snapshot()), {@code launch} (a program run to its exit under rustbin, snapshotted on a timer,
 * at a function and at exit). A snapshot whose program is not among the connection's binaries is refused;
 * with no binary named, the snapshot's program becomes the binary.
 */
final class SnapshotSources {

    private SnapshotSources() {
    }

    static final int DEFAULT_AT_HITS = 10;

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

    /**
     * Runs the program the {@code launch} property names to its exit and returns its snapshots (none
     * when the property is absent); when {@code binaries} is empty, the program becomes the binary.
     */
    static List<ProcessSnapshot> launch(Properties info, List<Path> binaries) throws SQLException {
        String command = ConnectionProperties.LAUNCH.valueIn(info);
        if (command == null || command.isBlank()) {
            return List.of();
        }
        List<String> words = command.lines().toList();
        List<ProcessSnapshot> snapshots = new ArrayList<>();
        try {
            LaunchOptions options = LaunchOptions.of(Path.of(words.get(0)), words.subList(1, words.size()));
            String every = ConnectionProperties.EVERY.valueIn(info);
            if (every != null) {
                options = options.every(duration(every));
            }
            String at = ConnectionProperties.AT.valueIn(info);
            if (at != null) {
                int colon = at.lastIndexOf(':');
                boolean counted = colon > 0 && at.substring(colon + 1).matches("\\d+");
                options = options.at(counted ? at.substring(0, colon) : at,
                        counted ? Integer.parseInt(at.substring(colon + 1)) : DEFAULT_AT_HITS);
            }
            String input = ConnectionProperties.LAUNCH_INPUT.valueIn(info);
            if (input != null) {
                options = options.input(Path.of(input));
            }
            String output = ConnectionProperties.LAUNCH_OUTPUT.valueIn(info);
            if (output != null) {
                options = options.output(Path.of(output));
            }
            if (Boolean.parseBoolean(ConnectionProperties.TRACK_ALLOCATIONS.valueIn(info).strip())) {
                tracked(options, info, snapshots);
            } else {
                ProgramLauncher.run(options, RustbinDirectories.snapshots(), snapshots::add);
            }
            if (binaries.isEmpty() && !snapshots.isEmpty()) {
                binaries.add(snapshots.get(0).executable());
            }
            for (ProcessSnapshot snapshot : snapshots) {
                SnapshotOwnership.ownerOf(snapshot, binaries);
            }
            return snapshots;
        } catch (SnapshotException | UncheckedIOException | IllegalArgumentException e) {
            closeAll(snapshots);
            throw new SQLException("rustbin: " + e.getMessage(), "08001", e);
        }
    }

    /** Runs the launch with heaptrack recording its allocations; each snapshot gets its place in the recording. */
    private static void tracked(LaunchOptions options, Properties info, List<ProcessSnapshot> snapshots) {
        String configured = ConnectionProperties.HEAPTRACK_PRELOAD.valueIn(info);
        Path preload = HeaptrackPreload.locate(configured == null || configured.isBlank() ? null : Path.of(configured));
        List<AllocationCut> cuts = new ArrayList<>();
        List<ProcessSnapshot> taken = new ArrayList<>();
        try (AllocationRecorder recorder = AllocationRecorder.start(preload, RustbinDirectories.allocations())) {
            try {
                ProgramLauncher.run(options.environment(recorder.environment()), RustbinDirectories.snapshots(), taken::add,
                        pid -> cuts.add(recorder.cut(pid)));
                if (recorder.finish().executable() == null) {
                    throw new SnapshotException(options.program() + ": heaptrack's preload library recorded nothing (a statically linked "
                            + "program does not load it)");
                }
            } catch (RuntimeException e) {
                taken.forEach(ProcessSnapshot::close);
                throw e;
            }
            for (int i = 0; i < taken.size(); i++) {
                snapshots.add(taken.get(i).withAllocations(cuts.get(i)));
            }
        }
    }

    /** Closes snapshots that will not reach a registry, and the allocation recordings they belong to. */
    static void closeAll(List<ProcessSnapshot> snapshots) {
        snapshots.forEach(ProcessSnapshot::close);
        snapshots.stream().map(ProcessSnapshot::allocations).filter(Objects::nonNull).map(AllocationCut::recording).distinct()
                .forEach(AllocationRecording::close);
    }

    /** "200ms", "1s", "1.5s", "2m": a positive interval. */
    static Duration duration(String text) {
        Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)").matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("every: '" + text + "' is not a duration such as 200ms, 1s or 2m");
        }
        double value = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2)) {
            case "ms" -> value;
            case "s" -> value * 1000;
            default -> value * 60_000;
        };
        if (millis < 1) {
            throw new IllegalArgumentException("every: '" + text + "' is shorter than a millisecond");
        }
        return Duration.ofMillis(Math.round(millis));
    }

    static SnapshotRegistry registryOf(List<ProcessSnapshot> snapshots) {
        SnapshotRegistry registry = new SnapshotRegistry();
        snapshots.forEach(registry::add);
        return registry;
    }
}
