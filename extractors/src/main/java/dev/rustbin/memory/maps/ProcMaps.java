package dev.rustbin.memory.maps;

import dev.rustbin.memory.MemoryMapping;
import dev.rustbin.memory.SnapshotException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a process map from /proc/PID/maps: one {@link MemoryMapping} per line, in address order. */
public final class ProcMaps {

    private ProcMaps() {
    }

    public static List<MemoryMapping> read(long pid) {
        Path maps = Path.of("/proc", Long.toString(pid), "maps");
        List<String> lines;
        try {
            lines = Files.readAllLines(maps);
        } catch (NoSuchFileException e) {
            throw new SnapshotException("pid " + pid + ": no such process (" + maps + " is missing)", e);
        } catch (IOException e) {
            throw new SnapshotException("pid " + pid + ": cannot read " + maps + " (" + e.getMessage() + ")", e);
        }
        List<MemoryMapping> mappings = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (!line.isBlank()) {
                mappings.add(parse(line, maps));
            }
        }
        return List.copyOf(mappings);
    }

    /**
     * One line: {@code start-end perms offset dev inode [name]}, addresses and offset in hex. The name
     * runs to the end of the line (file names may hold spaces; a replaced file ends in " (deleted)").
     */
    public static MemoryMapping parse(String line, Path origin) {
        String[] fields = line.strip().split("\\s+", 6);
        int dash = fields[0].indexOf('-');
        if (fields.length < 5 || dash < 0 || fields[1].length() != 4) {
            throw new SnapshotException(origin + ": not a process map line: " + line);
        }
        try {
            return new MemoryMapping(Long.parseUnsignedLong(fields[0].substring(0, dash), 16),
                    Long.parseUnsignedLong(fields[0].substring(dash + 1), 16), fields[1],
                    Long.parseUnsignedLong(fields[2], 16), fields.length == 6 ? fields[5] : "");
        } catch (NumberFormatException e) {
            throw new SnapshotException(origin + ": not a process map line: " + line, e);
        }
    }
}
