package dev.rustbin.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.schema.Column;
import dev.rustbin.schema.TableSchema;
import dev.rustbin.schema.Tables;
import dev.rustbin.testing.Corpus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of seeded random predicates over every table, each run three ways: pushdown off
 * (Calcite's row engine evaluates everything), Gandiva compiling every pushed conjunct, and the
 * Java evaluator on the Arrow vectors. The three results must be the same rows, NULLs included.
 */
class PushdownDifferentialTest {

    private static final long SEED = 20261201L;
    private static final int PREDICATES_PER_SMALL_TABLE = 45;
    private static final int PREDICATES_PER_LARGE_TABLE = 20;

    private static final Map<String, Connection> BY_BINARIES = new HashMap<>();

    /** Small tables over several binaries (a Rust shared library has the exports); instructions over one. */
    /**
     * The tables of the binaries themselves: the memory tables hold rows only with snapshots or
     * tracked launches of a process, which these connections do not take, so they are left out.
     */
    private static final List<TableSchema<?>> BINARY_TABLES = Tables.ALL.stream().filter(t -> !t.fromProcesses()).toList();

    /** Tables with a row per instruction or per line-table row: one binary, fewer predicates. */
    private static boolean large(TableSchema<?> table) {
        return table.name().startsWith("instruction") || table.name().startsWith("debug_");
    }

    private static List<Path> binariesFor(TableSchema<?> table) {
        if (large(table)) {
            return List.of(Corpus.fixture("demo-release"));
        }
        return Stream.concat(Corpus.demoBinaries().stream(), Stream.of(rustStdLibrary())).toList();
    }

    private static Path rustStdLibrary() {
        Path lib = Corpus.sysroot().resolve("lib/rustlib/x86_64-unknown-linux-gnu/lib");
        try (Stream<Path> files = java.nio.file.Files.list(lib)) {
            return files.filter(p -> p.getFileName().toString().matches("libstd-.*\\.so")).findFirst().orElseThrow();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private enum Mode {
        OFF("pushdown", "false"), GANDIVA("gandiva", "always"), JAVA("gandiva", "false");

        final String property;
        final String value;

        Mode(String property, String value) {
            this.property = property;
            this.value = value;
        }
    }

    private static Connection connection(List<Path> binaries, Mode mode) throws SQLException {
        String key = binaries + "/" + mode;
        Connection open = BY_BINARIES.get(key);
        if (open == null) {
            Properties p = new Properties();
            p.setProperty(mode.property, mode.value);
            // Each random projection would fill a cache entry of its own; cached batches are compared
            // with extracted ones in TableCacheTest, so here every mode extracts.
            p.setProperty("cache", "false");
            p.setProperty("paths", binaries.stream().skip(1).map(Path::toString).collect(Collectors.joining("\n")));
            open = DriverManager.getConnection(RustbinDriver.PREFIX + binaries.get(0), p);
            BY_BINARIES.put(key, open);
        }
        return open;
    }

    @BeforeAll
    static void warm() {
        BY_BINARIES.clear();
    }

    @AfterAll
    static void closeAll() throws SQLException {
        for (Connection c : BY_BINARIES.values()) {
            c.close();
        }
    }

    @Test
    void pushedFiltersReturnTheRowsCalciteReturns() throws SQLException {
        int pushed = 0;
        int partial = 0;
        int total = 0;
        for (TableSchema<?> table : BINARY_TABLES) {
            List<Path> binaries = binariesFor(table);
            RandomPredicates generator = predicatesFor(table, binaries, SEED);
            int count = large(table) ? PREDICATES_PER_LARGE_TABLE : PREDICATES_PER_SMALL_TABLE;
            // Source lines of instructions are looked up per row (checked against addr2line in DebugInfoQueryTest); left
            // out here so that 60 scans of the instructions do not each pay 78k DWARF lookups.
            String columns = table.columns().stream().filter(c -> !c.type().equals(Column.BINARY) && !c.name().startsWith("source_"))
                    .map(c -> RandomPredicates.identifier(c.name()))
                    .collect(Collectors.joining(", "));
            for (String predicate : RandomPredicates.batch(generator, count)) {
                String sql = "select " + columns + " from " + table.name() + " where " + predicate;
                String plan = sameInEveryMode(binaries, sql);
                if (plan.contains("ArrowFilter")) {
                    pushed++;
                    partial += plan.contains("EnumerableCalc") && plan.contains("$condition") ? 1 : 0;
                }
                total++;
            }
        }
        assertTrue(total >= 400, "predicates run: " + total);
        assertTrue(pushed > total / 2, "pushed " + pushed + " of " + total);
        assertTrue(partial > 10, "partially pushed " + partial + " of " + total);
    }

    /**
     * Random GROUP BYs (zero to two keys; COUNT, SUM, MIN, MAX and AVG of integer columns; half of
     * them filtered) give the same groups with aggregation on the batches as in Calcite.
     */
    @Test
    void pushedAggregatesReturnTheGroupsCalciteReturns() throws SQLException {
        int pushed = 0;
        int total = 0;
        for (TableSchema<?> table : BINARY_TABLES) {
            List<Path> binaries = binariesFor(table);
            Random random = new Random(SEED + 1 + table.name().hashCode());
            RandomPredicates predicates = predicatesFor(table, binaries, SEED + 2);
            List<String> keyColumns = table.columns().stream().filter(c -> !c.type().equals(Column.BINARY))
                    .map(c -> RandomPredicates.identifier(c.name())).toList();
            List<String> integers = table.columns().stream()
                    .filter(c -> c.type().equals(Column.UINT64) || c.type().equals(Column.INT64) || c.type().equals(Column.INT32))
                    .map(c -> RandomPredicates.identifier(c.name())).toList();
            int count = large(table) ? PREDICATES_PER_LARGE_TABLE / 2 : PREDICATES_PER_SMALL_TABLE / 3;
            for (int i = 0; i < count; i++) {
                List<String> keys = new ArrayList<>();
                for (int k = random.nextInt(3); k > 0; k--) {
                    String key = keyColumns.get(random.nextInt(keyColumns.size()));
                    if (!keys.contains(key)) {
                        keys.add(key);
                    }
                }
                List<String> aggregates = new ArrayList<>(List.of("count(*)"));
                for (int a = random.nextInt(4); a > 0; a--) {
                    String column = integers.isEmpty() || random.nextInt(4) == 0 ? keyColumns.get(random.nextInt(keyColumns.size()))
                            : integers.get(random.nextInt(integers.size()));
                    String function = integers.contains(column) ? List.of("sum", "min", "max", "avg", "count").get(random.nextInt(5)) : "count";
                    aggregates.add(function + "(" + column + ")");
                }
                String select = Stream.concat(keys.stream(), aggregates.stream()).collect(Collectors.joining(", "));
                String sql = "select " + select + " from " + table.name() + (random.nextBoolean() ? " where " + predicates.next() : "")
                        + (keys.isEmpty() ? "" : " group by " + String.join(", ", keys));
                pushed += sameInEveryMode(binaries, sql).contains("ArrowAggregate") ? 1 : 0;
                total++;
            }
        }
        assertTrue(total >= 150, "group-bys run: " + total);
        assertTrue(pushed > total / 2, "aggregated on batches: " + pushed + " of " + total);
    }

    /**
     * Random projections (integer arithmetic, UPPER/LOWER/CHAR_LENGTH, random predicates as boolean
     * columns, plain columns, and expressions only Calcite computes) give the same values computed
     * on the batches as in Calcite.
     */
    @Test
    void pushedProjectionsReturnTheValuesCalciteComputes() throws SQLException {
        int pushed = 0;
        int total = 0;
        for (TableSchema<?> table : BINARY_TABLES) {
            List<Path> binaries = binariesFor(table);
            Random random = new Random(SEED + 3 + table.name().hashCode());
            RandomPredicates predicates = predicatesFor(table, binaries, SEED + 4);
            List<? extends Column<?>> columns = table.columns().stream().filter(c -> !c.type().equals(Column.BINARY)).toList();
            int count = large(table) ? PREDICATES_PER_LARGE_TABLE / 2 : PREDICATES_PER_SMALL_TABLE / 3;
            for (int i = 0; i < count; i++) {
                List<String> outputs = new ArrayList<>();
                for (int e = 1 + random.nextInt(4); e > 0; e--) {
                    outputs.add(expression(columns.get(random.nextInt(columns.size())), random, predicates));
                }
                String sql = "select " + String.join(", ", outputs) + " from " + table.name()
                        + (random.nextInt(3) == 0 ? " where " + predicates.next() : "");
                pushed += sameInEveryMode(binaries, sql).contains("ArrowProject") ? 1 : 0;
                total++;
            }
        }
        assertTrue(total >= 150, "projections run: " + total);
        assertTrue(pushed > total / 5, "computed on batches: " + pushed + " of " + total);
    }

    private static String expression(Column<?> column, Random random, RandomPredicates predicates) {
        String c = RandomPredicates.identifier(column.name());
        int pick = random.nextInt(6);
        if (pick == 0) {
            return "(" + predicates.next() + ")";
        }
        if (pick == 1) {
            return c;
        }
        if (column.type().equals(Column.INT32) || column.type().equals(Column.INT64)) {
            return List.of(c + " * 3 + 7", c + " - 5", c + " + " + c, "-1 * " + c).get(random.nextInt(4));
        }
        if (column.type().equals(Column.UTF8)) {
            return List.of("upper(" + c + ")", "lower(" + c + ")", "char_length(" + c + ")", c + " || 'x'").get(random.nextInt(4));
        }
        if (column.type().equals(Column.UINT64)) {
            return c + " + 1";
        }
        return c;
    }

    /** A table's predicate generator, seeded per table, drawing values from the table itself. */
    private static RandomPredicates predicatesFor(TableSchema<?> table, List<Path> binaries, long seed) throws SQLException {
        return new RandomPredicates(table, samples(connection(binaries, Mode.OFF), table), seed + table.name().hashCode());
    }

    /** Runs the query with pushdown off, with Gandiva and with Java, requires the same rows, and returns Gandiva's plan. */
    private static String sameInEveryMode(List<Path> binaries, String sql) throws SQLException {
        List<String> expected = sortedRows(connection(binaries, Mode.OFF), sql);
        for (Mode mode : List.of(Mode.GANDIVA, Mode.JAVA)) {
            assertEquals(expected, sortedRows(connection(binaries, mode), sql), mode + ": " + sql);
        }
        return SqlResults.rows(connection(binaries, Mode.GANDIVA), "explain plan for " + sql).toString();
    }

    /** Up to 200 distinct values per column that the table really holds. */
    private static Map<String, List<Object>> samples(Connection c, TableSchema<?> table) throws SQLException {
        Map<String, List<Object>> samples = new HashMap<>();
        Random random = new Random(SEED);
        for (Column<?> column : table.columns()) {
            if (column.type().equals(Column.BINARY)) {
                continue;
            }
            List<Object> values = new ArrayList<>();
            for (List<Object> row : SqlResults.rows(c, "select distinct " + RandomPredicates.identifier(column.name()) + " from " + table.name())) {
                if (row.get(0) != null) {
                    values.add(row.get(0));
                }
            }
            Collections.shuffle(values, random);
            samples.put(column.name(), values.subList(0, Math.min(200, values.size())));
        }
        return samples;
    }

    private static List<String> sortedRows(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        for (List<Object> row : SqlResults.rows(c, sql)) {
            rows.add(row.stream().map(v -> v instanceof byte[] b ? Arrays.toString(b) : String.valueOf(v)).collect(Collectors.joining("|")));
        }
        Collections.sort(rows);
        return rows;
    }
}
