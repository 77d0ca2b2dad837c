package dev.rustbin.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.disasm.InstructionScan;
import dev.rustbin.schema.InstructionOperandsTable;
import dev.rustbin.schema.InstructionsTable;
import dev.rustbin.schema.TableSchema;
import dev.rustbin.schema.Tables;
import dev.rustbin.testing.Corpus;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.SparkException;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The rustbin data source in Spark local mode (two cores), checked against rustbin's own JDBC driver
 * on the same directory of fixture binaries: two Rust ELF programs (one stripped) and a 32-bit
 * Windows DLL; the table cache shared with later reads and the JDBC driver; the CLI's Parquet export
 * read by Spark's own Parquet reader.
 */
class SparkDataSourceTest {

    /** Small enough that each ELF fixture's code is cut into several tasks. */
    private static final long SLICE_BYTES = 64 << 10;

    @TempDir
    static Path work;
    private static Path dir;
    private static SparkSession spark;
    private static Connection jdbc;

    @BeforeAll
    static void start() throws IOException, SQLException {
        dir = Files.createDirectories(work.resolve("binaries"));
        for (Path fixture : List.of(Corpus.fixture("demo-release"), Corpus.fixture("asmgap-stripped"), Corpus.foreign("rollup-win32-ia32.dll"))) {
            Files.copy(fixture, dir.resolve(fixture.getFileName()));
        }
        spark = SparkSession.builder().master("local[2]").appName("rustbin-test")
                .config("spark.ui.enabled", false)
                .config("spark.sql.shuffle.partitions", 2)
                // the plan the test reads is then the one that ran, with its metrics
                .config("spark.sql.adaptive.enabled", false)
                .config("spark.sql.warehouse.dir", work.resolve("warehouse").toString())
                .getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        jdbc = DriverManager.getConnection("jdbc:rustbin:" + dir);
    }

    @AfterAll
    static void stop() throws SQLException {
        if (jdbc != null) {
            jdbc.close();
        }
        if (spark != null) {
            spark.stop();
        }
    }

    static Stream<String> servedTables() {
        return Tables.ALL.stream().filter(t -> !t.fromProcesses()).map(TableSchema::name);
    }

    private static DataFrameReader reader(String table) {
        return spark.read().format("rustbin").option("table", table).option("codeSliceBytes", SLICE_BYTES);
    }

    private static Dataset<Row> read(String table, Path path) {
        return reader(table).load(path.toString());
    }

    private static Dataset<Row> read(String table, Path path, Path cacheDir) {
        return reader(table).option("cache_dir", cacheDir.toString()).load(path.toString());
    }

    /** The code tables skip the DLL (half a million instructions), by a filter both engines push down. */
    private static String codeFilter() {
        return "path IN ('" + dir.resolve("demo-release") + "', '" + dir.resolve("asmgap-stripped") + "')";
    }

    @ParameterizedTest
    @MethodSource("servedTables")
    void everyTableHasTheRowsAndTypesJdbcHas(String table) throws SQLException {
        boolean code = table.equals(InstructionsTable.TABLE.name()) || table.equals(InstructionOperandsTable.TABLE.name());
        // extracted, not read back from entries (which would also keep each binary in one task)
        Dataset<Row> frame = reader(table).option("cache", false).load(dir.toString());
        if (code) {
            frame = frame.where(codeFilter());
        }
        List<String> fromSpark = sortedText(frame);
        List<String> fromJdbc = jdbcRows(jdbc, "SELECT * FROM " + table + (code ? " WHERE " + codeFilter() : ""), frame.schema());
        assertSameRows(fromJdbc, fromSpark, table);
        if (!table.equals("binary_exports")) {
            assertFalse(fromSpark.isEmpty(), table + " has rows for these binaries");
        }
        if (code) {
            // two ELF files, each cut into several slices of its code
            assertTrue(frame.rdd().getNumPartitions() > 4, table + " partitions: " + frame.rdd().getNumPartitions());
        }
    }

    /** The rows of {@code sql}, as {@link #text} writes them, sorted; its columns must have {@code schema}'s names and types. */
    private static List<String> jdbcRows(Connection connection, String sql, StructType schema) throws SQLException {
        List<String> texts = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rows.getMetaData();
            StructField[] fields = schema.fields();
            assertEquals(meta.getColumnCount(), fields.length);
            for (int c = 1; c <= fields.length; c++) {
                assertEquals(meta.getColumnLabel(c), fields[c - 1].name());
                assertEquals(sparkTypeOf(meta, c), fields[c - 1].dataType(), fields[c - 1].name());
            }
            while (rows.next()) {
                Object[] values = new Object[fields.length];
                for (int c = 1; c <= fields.length; c++) {
                    values[c - 1] = rows.getObject(c);
                }
                texts.add(text(values));
            }
        }
        Collections.sort(texts);
        return texts;
    }

    /** Equal sorted rows; a failure names the counts and a few rows of each side, not 100,000 of them. */
    private static void assertSameRows(List<String> expected, List<String> actual, String what) {
        if (!expected.equals(actual)) {
            List<String> missing = expected.stream().filter(r -> Collections.binarySearch(actual, r) < 0).limit(3).toList();
            List<String> extra = actual.stream().filter(r -> Collections.binarySearch(expected, r) < 0).limit(3).toList();
            throw new AssertionError(what + ": " + expected.size() + " rows expected, " + actual.size() + " read; missing " + missing
                    + ", not expected " + extra);
        }
    }

    private static List<String> sortedText(Dataset<Row> frame) {
        return frame.collectAsList().stream().map(SparkDataSourceTest::text).sorted().toList();
    }

    private static org.apache.spark.sql.types.DataType sparkTypeOf(ResultSetMetaData meta, int column) throws SQLException {
        return switch (meta.getColumnType(column)) {
            case Types.VARCHAR -> DataTypes.StringType;
            case Types.VARBINARY -> DataTypes.BinaryType;
            case Types.BOOLEAN -> DataTypes.BooleanType;
            case Types.INTEGER -> DataTypes.IntegerType;
            case Types.BIGINT -> DataTypes.LongType;
            case Types.DECIMAL -> new DecimalType(meta.getPrecision(column), meta.getScale(column));
            default -> throw new AssertionError("unexpected JDBC type " + meta.getColumnTypeName(column));
        };
    }

    private static String text(Row row) {
        Object[] values = new Object[row.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(i);
        }
        return text(values);
    }

    private static String text(Object[] values) {
        return Stream.of(values).map(v -> v == null ? "NULL"
                : v instanceof byte[] bytes ? HexFormat.of().formatHex(bytes)
                : v instanceof BigDecimal decimal ? decimal.toPlainString()
                : v.toString()).collect(Collectors.joining("|"));
    }

    @Test
    void pushedFiltersAndColumnsShowInThePlanAndCutTheWork() {
        Path binary = dir.resolve("demo-release");
        BigDecimal entry = read("binary_files", binary).select("entry_address").first().getDecimal(0);
        String near = "address >= " + entry + " AND address < " + entry.add(BigDecimal.valueOf(64));

        Dataset<Row> all = read("instructions", binary);
        long everyInstruction = all.count();
        Dataset<Row> narrowed = read("instructions", binary).where(near).select("address", "mnemonic");
        List<Row> rows = narrowed.collectAsList();

        String plan = narrowed.queryExecution().executedPlan().toString();
        assertTrue(plan.contains("PushedFilters: [") && plan.contains("GreaterThanOrEqual(address," + entry + ")")
                && plan.contains("LessThan(address,"), plan);
        assertTrue(plan.contains("ReadSchema: struct<address:decimal(20,0),mnemonic:string>"), plan);

        assertFalse(rows.isEmpty());
        long extracted = metric(narrowed, ScanMetrics.ROWS);
        // the scan decoded only the stretches holding those 64 bytes, not the 78,000 instructions
        assertTrue(extracted >= rows.size() && extracted < 2000, "rows extracted: " + extracted + " of " + everyInstruction);
        assertTrue(everyInstruction > 50_000, "instructions: " + everyInstruction);
        assertEquals(2 * extracted, metric(narrowed, ScanMetrics.VALUES), "two columns read");
    }

    private static long metric(Dataset<Row> frame, String name) {
        SparkPlan plan = frame.queryExecution().executedPlan();
        return CollectionConverters.asJava(plan.collectLeaves()).stream()
                .filter(leaf -> leaf.metrics().contains(name))
                .mapToLong(leaf -> leaf.metrics().apply(name).value()).sum();
    }

    @Test
    void aSharedCacheDirectoryServesTheNextReadWithoutDisassembling() throws IOException {
        Path cache = work.resolve("shared-cache");
        Dataset<Row> first = read("instructions", dir, cache).where(codeFilter());
        List<String> extracted = sortedText(first);
        assertTrue(extracted.size() > 50_000, "instructions: " + extracted.size());
        assertEquals(extracted.size(), metric(first, ScanMetrics.ROWS));
        assertEquals(0, metric(first, ScanMetrics.FROM_CACHE));
        int tasks = first.rdd().getNumPartitions();
        assertTrue(tasks > 4, "the two binaries' code in slices: " + tasks);
        try (Stream<Path> entries = Files.list(cache)) {
            assertEquals(tasks, entries.filter(e -> e.getFileName().toString().startsWith("instructions-")).count(), "an entry per slice");
        }

        long disassembled = InstructionScan.BYTES_DISASSEMBLED.get();
        Dataset<Row> second = read("instructions", dir, cache).where(codeFilter());
        assertSameRows(extracted, sortedText(second), "read back");
        assertEquals(0, InstructionScan.BYTES_DISASSEMBLED.get() - disassembled, "bytes disassembled by the second read");
        assertEquals(extracted.size(), metric(second, ScanMetrics.FROM_CACHE));
        assertEquals(0, metric(second, ScanMetrics.ROWS));
    }

    @Test
    void entriesTheJdbcDriverFilledServeSparkWithTheBinaryInOneTask() throws SQLException {
        Path cache = work.resolve("jdbc-cache");
        Path binary = dir.resolve("demo-release");
        Dataset<Row> frame = read("instructions", dir, cache).where("path = '" + binary + "'");
        Properties settings = new Properties();
        settings.setProperty("cache_dir", cache.toString());
        List<String> fromJdbc;
        try (Connection connection = DriverManager.getConnection("jdbc:rustbin:" + dir, settings)) {
            fromJdbc = jdbcRows(connection, "SELECT * FROM instructions WHERE path = '" + binary + "'", frame.schema());
        }

        long disassembled = InstructionScan.BYTES_DISASSEMBLED.get();
        assertSameRows(fromJdbc, sortedText(frame), "Spark on JDBC's entry");
        assertEquals(0, InstructionScan.BYTES_DISASSEMBLED.get() - disassembled, "bytes disassembled by Spark");
        assertEquals(fromJdbc.size(), metric(frame, ScanMetrics.FROM_CACHE));
        // reading the entry back beats cutting the code into slices to disassemble
        assertEquals(1, frame.rdd().getNumPartitions());
    }

    @Test
    void theCliParquetExportReadsInSparkAsTheBinariesDo() throws Exception {
        Path out = work.resolve("export");
        Path driver = Path.of(System.getProperty("rustbin.jdbc.jar", "../jdbc-driver/target/rustbin-jdbc.jar")).toAbsolutePath();
        Path shell = Path.of(System.getProperty("rustbin.cli.jar", "../cli-shell/target/rustbin-cli.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(driver) && Files.isRegularFile(shell), "the driver and shell jars are built first (mvn package): " + driver + ", " + shell);
        Process export = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", shell + File.pathSeparator + driver, "dev.rustbin.cli.RustbinShell",
                "export", dir.resolve("demo-release").toString(), dir.resolve("asmgap-stripped").toString(), "--to", out.toString(),
                "--format", "parquet").redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectErrorStream(true).start();
        String output = new String(export.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(export.waitFor(5, TimeUnit.MINUTES), "export still running");
        assertEquals(0, export.exitValue(), output);

        for (String table : servedTables().toList()) {
            Dataset<Row> exported = spark.read().parquet(out.resolve(table + ".parquet").toString());
            Dataset<Row> direct = read(table, dir).where(codeFilter());
            assertEquals(namesAndTypes(direct.schema()), namesAndTypes(exported.schema()), table);
            List<String> rows = sortedText(direct);
            assertSameRows(rows, sortedText(exported), table + " from Parquet");
            if (!table.equals("binary_exports")) {
                assertFalse(rows.isEmpty(), table);
            }
        }
    }

    private static List<String> namesAndTypes(StructType schema) {
        return Stream.of(schema.fields()).map(f -> f.name() + " " + f.dataType().sql()).toList();
    }

    @Test
    void createTableUsingRustbinInSparkSql() {
        spark.sql("CREATE TABLE symbols USING rustbin OPTIONS (table 'binary_symbols', path '" + dir + "')");
        try {
            long viaSql = spark.sql("SELECT count(*) FROM symbols WHERE symbol_type = 'function'").first().getLong(0);
            long viaReader = read("binary_symbols", dir).where("symbol_type = 'function'").count();
            assertEquals(viaReader, viaSql);
            assertTrue(viaSql > 100, "functions: " + viaSql);
        } finally {
            spark.sql("DROP TABLE symbols");
        }
    }

    @Test
    void aGlobReadsTheBinariesItMatches() {
        List<String> names = read("binary_files", dir.resolve("*-*")).select("file_name").collectAsList().stream()
                .map(r -> r.getString(0)).sorted().toList();
        assertEquals(List.of("asmgap-stripped", "demo-release", "rollup-win32-ia32.dll"), names);
        assertEquals(List.of("demo-release"),
                read("binary_files", dir.resolve("demo*")).select("file_name").collectAsList().stream().map(r -> r.getString(0)).toList());
    }

    @Test
    void aBadBinaryInADirectoryIsReportedAsJdbcReportsIt() throws IOException, SQLException {
        Path mixed = Files.createDirectories(work.resolve("mixed"));
        Files.copy(Corpus.fixture("demo-release-stripped"), mixed.resolve("good"));
        Path broken = mixed.resolve("broken");
        byte[] header = new byte[64];
        header[0] = 0x7f;
        header[1] = 'E';
        header[2] = 'L';
        header[3] = 'F';
        Files.write(broken, header);

        List<Row> files = read("binary_files", mixed).select("file_name", "error").orderBy("file_name").collectAsList();
        String jdbcError;
        try (Connection connection = DriverManager.getConnection("jdbc:rustbin:" + mixed);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT error FROM binary_files WHERE file_name = 'broken'")) {
            assertTrue(rows.next());
            jdbcError = rows.getString(1);
        }
        assertEquals("broken", files.get(0).getString(0));
        assertNotNull(files.get(0).getString(1));
        assertEquals(jdbcError, files.get(0).getString(1));
        assertTrue(jdbcError.contains(broken.toString()), jdbcError);
        assertNull(files.get(1).getString(1));
        assertEquals(Set.of(mixed.resolve("good").toString()),
                Set.copyOf(read("binary_symbols", mixed).select("path").distinct().collectAsList().stream().map(r -> r.getString(0)).toList()));

        SparkException named = assertThrows(SparkException.class, () -> read("binary_symbols", broken).count());
        assertTrue(named.getMessage().contains(broken.toString()), named.getMessage());
    }

    @Test
    void memoryTablesUnknownTablesAndBadOptionsAreRefusedByName() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> reader("binary_symbols").option("cache_size", "lots").load(dir.toString()));
        assertEquals("rustbin: option cache_size must be a size in bytes (e.g. 500m, 2g), not 'lots'", size.getMessage());
        IllegalArgumentException memory = assertThrows(IllegalArgumentException.class, () -> read("memory_regions", dir).schema());
        assertTrue(memory.getMessage().contains("memory_regions reads process snapshots"), memory.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> read("binary_symbol", dir).schema());
        assertTrue(unknown.getMessage().contains("no table binary_symbol; tables: binary_files"), unknown.getMessage());
    }
}
