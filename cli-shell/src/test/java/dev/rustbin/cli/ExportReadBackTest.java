package dev.rustbin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.cli.export.PageCompression;
import dev.rustbin.cli.ShellRuns.Outcome;
import dev.rustbin.schema.TableSchema;
import dev.rustbin.schema.Tables;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.ParkedMemdemoCore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exports read back by readers that share no code with rustbin: DuckDB reads the Parquet files, Arrow
 * Java's own IPC readers the Arrow files and streams. Each gets the rows rustbin's own query returns,
 * with the types the schema definitions give the tables (UInt64 stays unsigned 64-bit, Binary stays
 * bytes, Timestamp(ns) stays so), over a gcore core of memdemo; and values past 2^53 and 2^63 from a
 * snapshot of the running memdemo, whose map has the [vsyscall] page at 0xffffffffff600000 (gcore leaves
 * that page out of a core).
 */
class ExportReadBackTest {

    private static final List<String> TABLES = List.of("binary_sections", "binary_symbols", "rust_crates", "memory_snapshots",
            "memory_mappings");
    private static final BigInteger VSYSCALL = new BigInteger("ffffffffff600000", 16);
    /** 2^53 + 1: the first integer an IEEE double cannot hold. */
    private static final String PAST_2_53 = "9007199254740993";
    private static final String HIGH_VALUES = "select cast(" + PAST_2_53 + " as decimal(20, 0)) as past_2_53, start_address, end_address"
            + " from memory_mappings where mapped_file = '[vsyscall]'";

    @RegisterExtension
    static final ParkedMemdemoCore MEMDEMO = new ParkedMemdemoCore();

    /** The command line for a snapshot of the running memdemo, then {@code args}. */
    private static String[] live(String... args) {
        List<String> all = new ArrayList<>(List.of("--pid", Long.toString(MEMDEMO.demo().pid())));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private static Connection rustbin() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("paths", Corpus.fixture("memdemo").toString());
        properties.setProperty("core", MEMDEMO.core().toString());
        return DriverManager.getConnection("jdbc:rustbin:", properties);
    }

    @Test
    void parquetDatasetReadByDuckDbHoldsRustbinsRowsAndTypes() throws Exception {
        Path out = MEMDEMO.dir().resolve("parquet");
        Outcome export = ShellRuns.run(null, exportArgs(out, "parquet"));
        assertEquals(0, export.status(), export.err());
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Connection ours = rustbin()) {
            for (String table : TABLES) {
                Path file = out.resolve(table + ".parquet");
                assertEquals(duckTypes(schemaOf(table)), describe(duck, file), table + ": DuckDB's column types");
                List<List<String>> expected = rows(ours, "select * from " + table);
                assertTrue(table.startsWith("memory_") || !expected.isEmpty(), table);
                assertEquals(expected, duckRows(duck, file), table + ": rows as DuckDB reads them");
            }
        }
        assertTrue(export.err().contains("binary_symbols.parquet: "), export.err());
    }

    @Test
    void everyPageCompressionIsReadBackByDuckDbAndNamedInTheFooter() throws Exception {
        String sql = "select * from binary_symbols";
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Connection ours = rustbin()) {
            List<List<String>> expected = rows(ours, sql);
            assertTrue(expected.size() > 1000, "symbols: " + expected.size());
            for (String compression : List.of("zstd", "snappy", "gzip", "none")) {
                Path file = MEMDEMO.dir().resolve("symbols-" + compression + ".parquet");
                Outcome o = ShellRuns.run(null, new String[] {Corpus.fixture("memdemo").toString(), "--core", MEMDEMO.core().toString(),
                        "-f", "parquet", "--compression", compression, "-o", file.toString(), "-e", sql});
                assertEquals(0, o.status(), o.err());
                assertEquals(expected, duckRows(duck, file), compression);
                assertEquals(List.of(List.of(compression.equals("none") ? "UNCOMPRESSED" : compression.toUpperCase(Locale.ROOT))),
                        query(duck, "select distinct compression from parquet_metadata('" + file + "')"), compression);
            }
        }
        Outcome unknown = ShellRuns.run(null, new String[] {"-f", "parquet", "--compression", "lz4", "-e", sql});
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("unknown compression 'lz4' (use zstd, snappy, gzip or none)"), unknown.err());
    }

    @Test
    void arrowFilesReadByArrowJavaHoldTheTablesOwnSchemaAndRows() throws Exception {
        Path out = MEMDEMO.dir().resolve("arrow");
        Outcome export = ShellRuns.run(null, exportArgs(out, "arrow"));
        assertEquals(0, export.status(), export.err());
        try (Connection ours = rustbin(); BufferAllocator allocator = new RootAllocator()) {
            for (String table : TABLES) {
                try (FileChannel channel = FileChannel.open(out.resolve(table + ".arrow"));
                     ArrowFileReader reader = new ArrowFileReader(channel, allocator)) {
                    assertEquals(schemaOf(table).arrowSchema(), reader.getVectorSchemaRoot().getSchema(), table + ": the table's own schema");
                    assertEquals(rows(ours, "select * from " + table), arrowRows(reader), table);
                }
            }
        }
    }

    @Test
    void valuesPast2To53And2To63RoundTripInEveryFormat() throws Exception {
        Path parquet = MEMDEMO.dir().resolve("high.parquet");
        Path file = MEMDEMO.dir().resolve("high.arrow");
        Path stream = MEMDEMO.dir().resolve("high.arrows");
        for (Path target : List.of(parquet, file, stream)) {
            String format = target.toString().endsWith(".parquet") ? "parquet" : "arrow";
            Outcome o = ShellRuns.run(null, live("-f", format, "-o", target.toString(), "-e", HIGH_VALUES));
            assertEquals(0, o.status(), o.err());
        }
        List<String> expected = List.of(PAST_2_53, VSYSCALL.toString(), VSYSCALL.add(BigInteger.valueOf(4096)).toString());
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            assertEquals(List.of(expected), duckRows(duck, parquet));
            assertEquals(List.of("UBIGINT", "UBIGINT", "UBIGINT"), describe(duck, parquet));
        }
        try (BufferAllocator allocator = new RootAllocator();
             FileChannel fileChannel = FileChannel.open(file);
             ArrowReader fileReader = new ArrowFileReader(fileChannel, allocator);
             ArrowReader streamReader = new ArrowStreamReader(Files.newInputStream(stream), allocator)) {
            for (ArrowReader reader : List.of(fileReader, streamReader)) {
                assertEquals(List.of(expected), arrowRows(reader));
                reader.getVectorSchemaRoot().getSchema().getFields()
                        .forEach(f -> assertEquals(new ArrowType.Int(64, false), f.getType(), f.getName()));
            }
        }
        assertTrue(isArrowFile(file) && !isArrowFile(stream), ".arrow is Arrow's file format, another name the stream format");
        Outcome json = ShellRuns.run(null, live("-f", "ndjson", "-e", HIGH_VALUES + "; select size from memory_mappings where mapped_file = '[vsyscall]'"));
        assertEquals("{\"past_2_53\": \"" + PAST_2_53 + "\", \"start_address\": \"" + expected.get(1) + "\", \"end_address\": \"" + expected.get(2)
                + "\"}\n{\"size\": 4096}\n", json.out(), "beyond 2^53 as strings, below as numbers");
    }

    @Test
    void dotOutputInABinaryModeHoldsTheLastResult() throws Exception {
        Path file = MEMDEMO.dir().resolve("sections.parquet");
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Connection ours = rustbin()) {
            ShellSession session = new ShellSession(ours, new PrintStream(screen, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), "table", PageCompression.DEFAULT, false, () -> 80, false);
            assertFalse(session.feed(".mode parquet") && session.feed("select 1 as n;"), "binary output to a terminal is refused");
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("parquet output is binary: name a file with .output FILE first"), err.toString());
            for (String line : List.of(".output " + file, "select section_name from binary_sections;", "select section_name, size from binary_sections",
                    "where is_executable;", ".output")) {
                assertTrue(session.feed(line), line + ": " + err);
            }
            List<List<String>> expected = rows(ours, "select section_name, size from binary_sections where is_executable");
            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
                assertEquals(expected, duckRows(duck, file));
            }
        }
        assertEquals("", screen.toString(StandardCharsets.UTF_8));
    }

    private static String[] exportArgs(Path out, String format) {
        return new String[] {"export", Corpus.fixture("memdemo").toString(), "--core", MEMDEMO.core().toString(), "--to", out.toString(),
                "--tables", String.join(",", TABLES), "--format", format};
    }

    private static boolean isArrowFile(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return new String(bytes, 0, 6, StandardCharsets.US_ASCII).equals("ARROW1");
    }

    private static TableSchema<?> schemaOf(String table) {
        return Tables.ALL.stream().filter(t -> t.name().equals(table)).findFirst().orElseThrow();
    }

    /** The DuckDB type of each column of the table, from the schema definition's Arrow types. */
    private static List<String> duckTypes(TableSchema<?> table) {
        Schema schema = table.arrowSchema();
        return schema.getFields().stream().map(f -> {
            ArrowType type = f.getType();
            if (type instanceof ArrowType.Int i) {
                return (i.getIsSigned() ? "" : "U") + (i.getBitWidth() == 64 ? "BIGINT" : "INTEGER");
            }
            if (type instanceof ArrowType.Timestamp) {
                return "TIMESTAMP_NS";
            }
            return switch (type.getTypeID()) {
                case Utf8 -> "VARCHAR";
                case Binary -> "BLOB";
                case Bool -> "BOOLEAN";
                default -> throw new IllegalArgumentException(type.toString());
            };
        }).toList();
    }

    private static List<String> describe(Connection duck, Path file) throws SQLException {
        return query(duck, "select column_type from (describe select * from '" + file + "')").stream().map(r -> r.get(0)).toList();
    }

    /** DuckDB's rows of the file, each cell as text: bytes as hex, timestamps as nanoseconds since the epoch. */
    private static List<List<String>> duckRows(Connection duck, Path file) throws SQLException {
        List<String> names = query(duck, "select column_name from (describe select * from '" + file + "')").stream().map(r -> r.get(0)).toList();
        List<String> types = describe(duck, file);
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            String column = '"' + names.get(c) + '"';
            cells.add(switch (types.get(c)) {
                case "BLOB" -> "lower(hex(" + column + "))";
                case "TIMESTAMP_NS" -> "cast(epoch_ns(" + column + ") as varchar)";
                default -> "cast(" + column + " as varchar)";
            });
        }
        return sorted(query(duck, "select " + String.join(", ", cells) + " from '" + file + "'"));
    }

    private static List<List<String>> query(Connection connection, String sql) throws SQLException {
        return TextRows.of(connection, sql);
    }

    /** rustbin's rows through JDBC, each cell as text the same way. */
    private static List<List<String>> rows(Connection connection, String sql) throws SQLException {
        return sorted(TextRows.of(connection, sql));
    }

    /** Every batch of an Arrow reader, each cell as text the same way. */
    private static List<List<String>> arrowRows(ArrowReader reader) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        while (reader.loadNextBatch()) {
            for (int i = 0; i < root.getRowCount(); i++) {
                List<String> row = new ArrayList<>();
                for (FieldVector vector : root.getFieldVectors()) {
                    row.add(vector.isNull(i) ? null
                            : vector instanceof UInt8Vector u ? UInt8Vector.getNoOverflow(u.getDataBuffer(), i).toString()
                            : vector instanceof TimeStampVector t ? Long.toString(t.get(i))
                            : vector instanceof VarBinaryVector b ? HexFormat.of().formatHex(b.get(i))
                            : vector.getObject(i).toString());
                }
                rows.add(row);
            }
        }
        return sorted(rows);
    }

    private static List<List<String>> sorted(List<List<String>> rows) {
        rows.sort(Comparator.comparing(Object::toString));
        return rows;
    }
}
