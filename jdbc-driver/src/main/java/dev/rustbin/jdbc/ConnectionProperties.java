package dev.rustbin.jdbc;

import dev.rustbin.cache.CacheSettings;
import dev.rustbin.calcite.RustbinTypeSystem;
import dev.rustbin.calcite.columnar.ColumnarOptions;
import java.sql.DriverPropertyInfo;
import java.util.List;
import java.util.Properties;

/**
 * Every connection property rustbin documents, with its default: the one place that names them
 * (README's "Connection properties" is generated from it, {@code Driver.getPropertyInfo} lists them,
 * the CLI's {@code --set} passes them).
 * rustbin's own properties are read by the driver; the rest are Calcite's, given friendly defaults
 * (lexical policy for unquoted lower-case names, lenient SQL, the PostgreSQL and MySQL function
 * library). A client may override any of them; unknown ones pass to Calcite unchanged.
 */
final class ConnectionProperties {

    /** One documented property: its name, default (null: none) and meaning. */
    record Property(String name, String defaultValue, boolean calcite, String description) {

        String valueIn(Properties info) {
            return info == null ? defaultValue : info.getProperty(name, defaultValue);
        }
    }

    static final Property PATHS = new Property("paths", null, false,
            "more binaries or directories to query, one path per line (added to the URL's)");

    static final Property CORE = new Property("core", null, false,
            "core files (gcore or the kernel's) of the binary, one per line: each becomes a snapshot in the memory tables");

    static final Property PID = new Property("pid", null, false,
            "a running process to snapshot (ptrace: same user, or CAP_SYS_PTRACE); the binary defaults to its executable;"
                    + " select * from table(take_snapshot()) snapshots it again");

    static final Property LAUNCH = new Property("launch", null, false,
            "a program to run under rustbin, then its arguments, one per line: connecting runs it to its exit, taking the snapshots "
                    + "every and at ask for and one at exit");

    static final Property EVERY = new Property("every", null, false, "with launch: a snapshot every DURATION (200ms, 1s, 2m)");

    static final Property AT = new Property("at", null, false,
            "with launch: a snapshot at each call of a function (named as stored or demangled), SYMBOL or SYMBOL:N for at most N calls "
                    + "(default " + SnapshotSources.DEFAULT_AT_HITS + ")");

    static final Property LAUNCH_INPUT = new Property("launch_input", null, false, "with launch: a file the program reads as stdin (default: rustbin's)");

    static final Property LAUNCH_OUTPUT = new Property("launch_output", null, false,
            "with launch: a file for the program's stdout and stderr (default: rustbin's)");

    static final Property TRACK_ALLOCATIONS = new Property("track_allocations", "false", false,
            "with launch: true records every allocation with heaptrack's preload library (package heaptrack): allocation_site, "
                    + "allocated_size and trace_id on heap chunks, the allocation_events and heap_backtraces tables");

    static final Property HEAPTRACK_PRELOAD = new Property("heaptrack_preload", null, false,
            "with track_allocations: heaptrack's libheaptrack_preload.so (default: where the heaptrack package installs it)");

    static final List<Property> ALL = List.of(
            PATHS,
            CORE,
            PID,
            LAUNCH,
            EVERY,
            AT,
            LAUNCH_INPUT,
            LAUNCH_OUTPUT,
            TRACK_ALLOCATIONS,
            HEAPTRACK_PRELOAD,
            new Property(ColumnarOptions.PUSHDOWN, "true", false,
                    "false leaves every filter, projection and aggregate to Calcite's row engine instead of the Arrow batches"),
            new Property(ColumnarOptions.GANDIVA, "true", false,
                    "false evaluates pushed expressions in Java on the Arrow vectors; always compiles them with Gandiva even for small inputs"),
            new Property(ColumnarOptions.GANDIVA_MIN_ROWS, String.valueOf(ColumnarOptions.DEFAULT.gandivaMinRows()), false,
                    "the input size (rows) from which compiling an expression with Gandiva pays"),
            new Property(CacheSettings.CACHE, "true", false,
                    "false extracts every table anew for every query; true keeps the rows of expensive tables (instructions, "
                            + "instruction_operands, binary_symbols, rust_crates, rust_panic_locations) per binary version as Arrow files "
                            + "that later queries memory-map"),
            new Property(CacheSettings.CACHE_DIR, null, false,
                    "where the table cache is (default $XDG_CACHE_HOME/rustbin/tables, else ~/.cache/rustbin/tables)"),
            new Property(CacheSettings.CACHE_SIZE, CacheSettings.DEFAULT_CACHE_SIZE, false,
                    "the table cache's bound (bytes, or k, m, g): least recently used entries are deleted beyond it"),
            new Property("quoting", "DOUBLE_QUOTE", true, "how identifiers are quoted: \"double quotes\""),
            new Property("unquotedCasing", "UNCHANGED", true, "unquoted names keep their case"),
            new Property("quotedCasing", "UNCHANGED", true, "quoted names keep their case"),
            new Property("caseSensitive", "false", true, "names match whatever their case"),
            new Property("conformance", "LENIENT", true,
                    "SQL dialect checks: LENIENT allows GROUP BY 1 or an alias, ORDER BY an alias, != ..."),
            new Property("fun", "standard,postgresql,mysql", true,
                    "function libraries: ILIKE, regexp_replace, string_agg, split_part, ... besides the standard ones"),
            new Property("typeSystem", RustbinTypeSystem.class.getName() + "#INSTANCE", true,
                    "DECIMAL wide enough for unsigned 64-bit values (38 digits)"));

    private ConnectionProperties() {
    }

    /** What Calcite receives: the defaults, the client's settings over them, rustbin's own removed. */
    static Properties forCalcite(Properties info) {
        Properties properties = new Properties();
        for (Property property : ALL) {
            if (property.calcite()) {
                properties.setProperty(property.name(), property.defaultValue());
            }
        }
        if (info != null) {
            properties.putAll(info);
        }
        for (Property property : ALL) {
            if (!property.calcite()) {
                properties.remove(property.name());
            }
        }
        return properties;
    }

    static final String BEGIN = "<!-- properties:begin (generated from ConnectionProperties; do not edit by hand) -->";
    static final String END = "<!-- properties:end -->";

    /** README's table of the properties, between {@link #BEGIN} and {@link #END}. */
    static String markdown() {
        StringBuilder out = new StringBuilder(BEGIN).append("\n\n| property | default | meaning |\n|---|---|---|\n");
        for (Property property : ALL) {
            out.append("| `").append(property.name()).append("` | ")
                    .append(property.defaultValue() == null ? "" : "`" + property.defaultValue() + "`").append(" | ")
                    .append(property.description().replace("|", "\\|")).append(" |\n");
        }
        return out.append('\n').append(END).toString();
    }

    static DriverPropertyInfo[] describe(Properties info) {
        return ALL.stream().map(property -> {
            DriverPropertyInfo described = new DriverPropertyInfo(property.name(), property.valueIn(info));
            described.description = property.description();
            return described;
        }).toArray(DriverPropertyInfo[]::new);
    }
}
