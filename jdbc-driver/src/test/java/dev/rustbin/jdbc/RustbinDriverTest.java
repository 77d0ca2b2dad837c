package dev.rustbin.jdbc;

import static dev.rustbin.jdbc.SqlResults.rows;
import static dev.rustbin.jdbc.SqlResults.single;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.calcite.RustbinSchema;
import dev.rustbin.schema.BinarySectionsTable;
import dev.rustbin.schema.BinarySymbolsTable;
import dev.rustbin.schema.TableSchema;
import dev.rustbin.schema.Tables;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Readelf;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver as a JDBC client sees it: URLs, metadata, identifiers, errors, and Arrow memory. */
class RustbinDriverTest {

    @TempDir
    Path dir;

    private static Connection open(Path target) throws SQLException {
        return DriverManager.getConnection(RustbinDriver.PREFIX + target);
    }

    @Test
    void countsAndSectionsAgreeWithReadelf() throws SQLException {
        Path demo = Corpus.fixture("demo-release");
        try (Connection c = open(demo)) {
            assertEquals(Readelf.symbols(demo).size(), ((Number) single(c, "select count(*) from binary_symbols")).intValue());
            List<Readelf.SectionRow> sections = Readelf.sections(demo);
            List<List<Object>> rows = rows(c, "select section_name, address, size, file_offset, section_type from binary_sections order by section_index");
            assertEquals(sections.size(), rows.size());
            for (int i = 0; i < rows.size(); i++) {
                Readelf.SectionRow e = sections.get(i);
                assertEquals(List.of(e.name(), BigDecimal.valueOf(e.address()), BigDecimal.valueOf(e.size()),
                        BigDecimal.valueOf(e.offset()), e.type()), rows.get(i));
            }
        }
    }

    @Test
    void textContentThroughSqlIsTheFileBytes() throws SQLException, IOException {
        Path demo = Corpus.fixture("demo-release");
        Readelf.SectionRow text = Readelf.sections(demo).stream().filter(s -> s.name().equals(".text")).findFirst().orElseThrow();
        byte[] expected = new byte[(int) text.size()];
        try (RandomAccessFile raw = new RandomAccessFile(demo.toFile(), "r")) {
            raw.seek(text.offset());
            raw.readFully(expected);
        }
        try (Connection c = open(demo)) {
            assertArrayEquals(expected, (byte[]) single(c, "select content from binary_sections where section_name = '.text'"));
            assertArrayEquals(new byte[0], (byte[]) single(c, "select content from binary_sections where section_name = '.bss'"));
        }
    }

    @Test
    void metadataListsOurTablesAndTypes() throws SQLException {
        try (Connection c = open(Corpus.fixture("demo-release"))) {
            DatabaseMetaData meta = c.getMetaData();
            assertEquals("rustbin", meta.getDatabaseProductName());
            assertEquals("rustbin JDBC Driver", meta.getDriverName());
            assertTrue(meta.getDriverVersion().matches("\\d+\\.\\d+.*"), meta.getDriverVersion());
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, RustbinSchema.NAME, "%", null)) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertEquals(Tables.ALL.stream().map(TableSchema::name).sorted().toList(), tables.stream().sorted().toList());
            assertTrue(tables.containsAll(List.of("binary_files", "binary_sections", "binary_segments", "binary_symbols", "binary_imports", "binary_exports", "binary_libraries", "instructions")));
            Map<String, Integer> columns = new LinkedHashMap<>();
            try (ResultSet rs = meta.getColumns(null, RustbinSchema.NAME, "binary_sections", "%")) {
                while (rs.next()) {
                    columns.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
                }
            }
            assertEquals(BinarySectionsTable.TABLE.columns().stream().map(col -> col.name()).toList(), List.copyOf(columns.keySet()));
            // The SOP's contract: names and types, after the path column every table starts with.
            Map<String, Integer> sop = new LinkedHashMap<>();
            sop.put("path", Types.VARCHAR);
            sop.put("section_name", Types.VARCHAR);
            sop.put("address", Types.DECIMAL);
            sop.put("size", Types.DECIMAL);
            sop.put("content", Types.VARBINARY);
            sop.put("permissions", Types.VARCHAR);
            sop.put("is_executable", Types.BOOLEAN);
            sop.put("is_writable", Types.BOOLEAN);
            sop.put("is_readable", Types.BOOLEAN);
            assertEquals(sop, columns.entrySet().stream().limit(sop.size())
                    .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), Map::putAll));
            assertEquals(List.of("path", "symbol_name", "symbol_type", "symbol_address", "symbol_size", "section_name"),
                    BinarySymbolsTable.TABLE.columns().stream().limit(6).map(col -> col.name()).toList());
        }
    }

    @Test
    void unquotedLowerCaseAndDoubleQuotedIdentifiersWork() throws SQLException {
        try (Connection c = open(Corpus.fixture("demo-release"))) {
            Object unquoted = single(c, "select count(*) from binary_sections where section_name = '.text'");
            Object quoted = single(c, "select count(*) from \"binary_sections\" where \"section_name\" = '.text'");
            Object mixed = single(c, "SELECT COUNT(*) FROM Binary_Sections WHERE Section_Name = '.text'");
            assertEquals(1L, ((Number) unquoted).longValue());
            assertEquals(unquoted, quoted);
            assertEquals(unquoted, mixed);
        }
    }

    @Test
    void pathsWithSpacesAndDirectoriesWork() throws SQLException, IOException {
        Path spaced = Files.createDirectories(dir.resolve("my binaries"));
        Files.copy(Corpus.fixture("demo-release"), spaced.resolve("demo release"));
        Files.copy(Corpus.fixture("demo-debug"), spaced.resolve("demo debug"));
        Files.write(spaced.resolve("truncated"), java.util.Arrays.copyOf(Files.readAllBytes(Corpus.fixture("demo-release")), 100_000));
        Files.writeString(spaced.resolve("notes.txt"), "not a binary");
        try (Connection c = open(spaced.resolve("demo release"))) {
            assertEquals("demo release", single(c, "select file_name from binary_files"));
        }
        try (Connection c = open(spaced)) {
            List<List<Object>> files = rows(c, "select file_name, format, error from binary_files order by file_name");
            assertEquals(3, files.size());
            assertEquals(List.of("demo debug", "ELF"), files.get(0).subList(0, 2));
            assertNull(files.get(0).get(2));
            assertEquals("truncated", files.get(2).get(0));
            assertTrue(((String) files.get(2).get(2)).contains("past the end of the file"), files.get(2).toString());
            List<List<Object>> perFile = rows(c, "select file_name, count(*) from binary_symbols join binary_files using (path) group by file_name order by 1");
            assertEquals(2, perFile.size(), "the truncated file adds no symbols, and hides none");
        }
    }

    @Test
    void badTargetsGiveClearSqlErrors() throws IOException, SQLException {
        Path missing = dir.resolve("nope");
        SQLException e = assertThrows(SQLException.class, () -> open(missing));
        assertEquals(missing + ": no such file or directory", e.getMessage());
        Path text = Files.writeString(dir.resolve("script.sh"), "#!/bin/sh\n");
        e = assertThrows(SQLException.class, () -> open(text));
        assertEquals(text + ": not an ELF, Mach-O or PE binary", e.getMessage());
        Path truncated = Files.write(dir.resolve("truncated"), java.util.Arrays.copyOf(Files.readAllBytes(Corpus.fixture("demo-release")), 100_000));
        try (Connection c = open(truncated)) {
            SQLException q = assertThrows(SQLException.class, () -> rows(c, "select * from binary_sections"));
            assertTrue(q.getMessage().contains(truncated + ": section header table"), q.getMessage());
            String reported = (String) single(c, "select error from binary_files where path = '" + truncated + "'");
            assertTrue(reported.startsWith(truncated + ": section header table"), "binary_files says why: " + reported);
        }
        try (Connection good = open(Corpus.fixture("demo-release"))) {
            assertTrue(((Number) single(good, "select count(*) from binary_symbols")).longValue() > 1000, "other inputs keep working");
        }
    }

    @Test
    void addressesAtOrAbove2To63ComeOutRight() throws IOException, SQLException {
        byte[] bytes = Files.readAllBytes(Corpus.fixture("demo-release"));
        ByteBuffer elf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        elf.putLong(0x18, 0xffff_ffff_ff60_0000L);
        Path file = Files.write(dir.resolve("high-entry"), bytes);
        try (Connection c = open(file)) {
            assertEquals(new BigDecimal("18446744073699065856"), single(c, "select entry_address from binary_files"));
            assertEquals(1L, ((Number) single(c, "select count(*) from binary_files where entry_address > 9223372036854775807")).longValue());
            assertEquals("0xffffffffff600000", single(c, "select hex(entry_address) from binary_files"));
            assertEquals(new BigDecimal("18446744073699065857"), single(c, "select entry_address + 1 from binary_files"));
            try (ResultSet columns = c.getMetaData().getColumns(null, RustbinSchema.NAME, "binary_files", "entry_address")) {
                assertTrue(columns.next());
                assertEquals(Types.DECIMAL, columns.getInt("DATA_TYPE"));
                assertEquals(20, columns.getInt("COLUMN_SIZE"));
            }
        }
    }

    @Test
    void noArrowMemoryLeaksEvenWhenAResultIsAbandoned() throws SQLException {
        BufferAllocator allocator;
        try (Connection c = open(Corpus.fixture("demo-debug"))) {
            allocator = SqlResults.allocatorOf(c);
            rows(c, "select * from binary_sections");
            rows(c, "select * from binary_symbols");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select symbol_name from binary_symbols")) {
                assertTrue(rs.next());
                assertTrue(allocator.getAllocatedMemory() > 0, "a batch is open while the result is read");
            }
            assertEquals(0, allocator.getAllocatedMemory());
        }
        assertEquals(0, allocator.getAllocatedMemory());
    }

    @Test
    void projectionWithoutContentNeverTouchesSectionBytes() throws SQLException {
        try (Connection c = open(Corpus.rustcDriver())) {
            BufferAllocator allocator = SqlResults.allocatorOf(c);
            String plan = (String) single(c, "explain plan for select section_name, size from binary_sections");
            assertTrue(plan.contains("columns=[[section_name, size]]"), plan);
            rows(c, "select section_name, size from binary_sections");
            rows(c, "select count(*) from binary_sections");
            assertTrue(((String) single(c, "explain plan for select count(*) from binary_sections")).contains("columns=[[path]]"),
                    "count(*) scans one cheap column, not every column");
            long withoutContent = allocator.getPeakMemoryAllocation();
            assertTrue(withoutContent < (1 << 20), "peak " + withoutContent);
            BigDecimal textSize = (BigDecimal) single(c, "select size from binary_sections where section_name = '.text'");
            rows(c, "select section_name, content from binary_sections where section_name = '.text'");
            assertTrue(allocator.getPeakMemoryAllocation() >= textSize.longValue(), "content query peak " + allocator.getPeakMemoryAllocation());
        }
    }

    @Test
    void severalTargetsThroughThePathsProperty() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("paths", Corpus.fixture("demo-release") + "\n" + Corpus.fixture("demo-release-stripped"));
        try (Connection c = DriverManager.getConnection(RustbinDriver.PREFIX, properties)) {
            List<List<Object>> rows = rows(c, "select file_name, is_stripped from binary_files order by file_name");
            assertEquals(List.of(List.of("demo-release", false), List.of("demo-release-stripped", true)), rows);
        }
    }
}
