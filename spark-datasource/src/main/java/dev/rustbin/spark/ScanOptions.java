package dev.rustbin.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustbin.cache.CacheSettings;
import dev.rustbin.format.BinaryTarget;
import dev.rustbin.format.BinaryTargets;
import dev.rustbin.schema.TableSchema;
import dev.rustbin.schema.Tables;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * What a read names: the table ({@code table}), the binaries ({@code path}, or several from
 * {@code load(a, b)}: files, directories, or a glob in the last path element), and how the work is
 * cut into tasks ({@code partitionBytes}: binaries are grouped up to this many bytes of files;
 * {@code codeSliceBytes}: the instructions of a binary with more code are cut into stretches of
 * about this many bytes, each a task of its own), and the table cache ({@code cache},
 * {@code cache_dir}, {@code cache_size}, as in JDBC: give every executor one shared directory and
 * what one task extracted serves the next read, on any executor, and the JDBC driver too).
 */
record ScanOptions(TableSchema<?> table, List<String> paths, long partitionBytes, long codeSliceBytes, CacheSettings cache) {

    static final long DEFAULT_PARTITION_BYTES = 128L << 20;
    static final long DEFAULT_CODE_SLICE_BYTES = 4L << 20;

    static ScanOptions of(CaseInsensitiveStringMap options) {
        List<String> paths = new ArrayList<>();
        if (options.containsKey("path")) {
            paths.add(options.get("path"));
        }
        if (options.containsKey("paths")) {
            try {
                paths.addAll(List.of(new ObjectMapper().readValue(options.get("paths"), String[].class)));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("rustbin: option paths is not a JSON array of paths: " + options.get("paths"), e);
            }
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("rustbin: no binaries named: give load(path) or option path (a file, a directory or a glob)");
        }
        return new ScanOptions(tableOf(options), List.copyOf(paths), positive(options, "partitionBytes", DEFAULT_PARTITION_BYTES),
                positive(options, "codeSliceBytes", DEFAULT_CODE_SLICE_BYTES), cacheSettings(options));
    }

    static TableSchema<?> tableOf(CaseInsensitiveStringMap options) {
        String name = options.get("table");
        List<TableSchema<?>> served = Tables.ALL.stream().filter(t -> !t.fromProcesses()).toList();
        String names = served.stream().map(TableSchema::name).collect(Collectors.joining(", "));
        if (name == null) {
            throw new IllegalArgumentException("rustbin: option table is required, one of " + names);
        }
        for (TableSchema<?> table : Tables.ALL) {
            if (table.name().equalsIgnoreCase(name)) {
                if (table.fromProcesses()) {
                    throw new IllegalArgumentException("rustbin: table " + table.name()
                            + " reads process snapshots (a core file or a live process), which the Spark source does not take;"
                            + " query it through the JDBC driver");
                }
                return table;
            }
        }
        throw new IllegalArgumentException("rustbin: no table " + name + "; tables: " + names);
    }

    private static CacheSettings cacheSettings(CaseInsensitiveStringMap options) {
        try {
            return CacheSettings.of(options::get);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rustbin: option " + e.getMessage(), e);
        }
    }

    private static long positive(CaseInsensitiveStringMap options, String key, long fallback) {
        long value = options.getLong(key, fallback);
        if (value <= 0) {
            throw new IllegalArgumentException("rustbin: option " + key + " must be positive, not " + value);
        }
        return value;
    }

    /** The binaries the paths name, resolved as the JDBC driver resolves them; a glob's matches count as a directory's members. */
    List<BinaryTarget> targets() {
        List<BinaryTarget> targets = new ArrayList<>();
        for (String text : paths) {
            Path path = text.startsWith("file:") ? Path.of(URI.create(text)) : Path.of(text);
            String last = path.getFileName() == null ? "" : path.getFileName().toString();
            if (last.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0)) {
                targets.addAll(BinaryTargets.matching(path.getParent() == null ? Path.of(".") : path.getParent(), last));
            } else {
                targets.addAll(BinaryTargets.resolve(List.of(path)));
            }
        }
        return targets;
    }
}
