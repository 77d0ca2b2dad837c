package dev.rustbin.jdbc;

import static dev.rustbin.jdbc.SqlResults.single;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.calcite.RustbinSchema;
import dev.rustbin.schema.BinaryFilesTable;
import dev.rustbin.schema.Column;
import dev.rustbin.schema.TableSchema;
import dev.rustbin.schema.Tables;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Readelf;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The DatabaseMetaData and ResultSet calls DBeaver makes on connect and while browsing (SchemaCrawler
 * and BI tools make the same ones), with the answers they rely on.
 */
class ClientToolContractTest {

    private static final Path DEMO = Corpus.fixture("demo-release");
    private static final String URL = RustbinDriver.PREFIX + DEMO;

    private static List<String> column(ResultSet rs, String label) throws SQLException {
        List<String> values = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                values.add(rs.getString(label));
            }
        }
        return values;
    }

    @Test
    void connectProbe() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL)) {
            DatabaseMetaData meta = c.getMetaData();
            assertEquals(URL, meta.getURL());
            assertTrue(meta.isReadOnly());
            assertTrue(c.isReadOnly());
            c.setReadOnly(true);
            assertTrue(c.getAutoCommit());
            c.setAutoCommit(true);
            assertEquals("rustbin", meta.getDatabaseProductName());
            assertNotNull(meta.getDatabaseProductVersion());
            assertEquals("rustbin JDBC Driver", meta.getDriverName());
            assertEquals("\"", meta.getIdentifierQuoteString());
            assertNotNull(meta.getSQLKeywords());
            assertNotNull(meta.getSearchStringEscape());
            assertEquals(c, meta.getConnection());
            assertEquals(RustbinSchema.NAME, c.getSchema());
            assertNull(c.getWarnings());
            assertEquals(List.of(RustbinSchema.NAME), column(meta.getSchemas(), "TABLE_SCHEM"), "Calcite's metadata schema is internal");
            assertEquals(List.of(RustbinSchema.NAME), column(meta.getSchemas(null, "RUST%"), "TABLE_SCHEM"));
            assertTrue(column(meta.getCatalogs(), "TABLE_CAT").isEmpty());
            List<String> types = column(meta.getTableTypes(), "TABLE_TYPE");
            assertEquals(types.stream().sorted().toList(), types);
            assertTrue(types.contains("TABLE"), types.toString());
            column(meta.getTypeInfo(), "TYPE_NAME");
            assertTrue(column(meta.getFunctions(null, null, "%"), "FUNCTION_SCHEM").stream().allMatch(RustbinSchema.NAME::equals));
        }
    }

    @Test
    void browsingTablesAndColumns() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL)) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> expected = Tables.ALL.stream().map(TableSchema::name).sorted().toList();
            assertEquals(expected, column(meta.getTables(null, RustbinSchema.NAME, "%", new String[] {"TABLE"}), "TABLE_NAME"),
                    "sorted by type, schema, name");
            assertEquals(expected, column(meta.getTables(null, null, null, null), "TABLE_NAME"));
            assertEquals(List.of("binary_sections"), column(meta.getTables(null, "RUSTBIN", "BINARY\\_SECTIONS", new String[] {"table"}), "TABLE_NAME"),
                    "patterns match whatever the case, as SQL names do");
            try (ResultSet rs = meta.getTables(null, null, "binary_files", null)) {
                assertTrue(rs.next());
                assertEquals(BinaryFilesTable.TABLE.description(), rs.getString("REMARKS"));
                assertEquals("TABLE", rs.getString("TABLE_TYPE"));
            }
            for (TableSchema<?> table : Tables.ALL) {
                List<String> names = new ArrayList<>();
                try (ResultSet rs = meta.getColumns(null, RustbinSchema.NAME, table.name().toUpperCase(), "%")) {
                    while (rs.next()) {
                        Column<?> col = table.columns().get(rs.getInt("ORDINAL_POSITION") - 1);
                        names.add(rs.getString("COLUMN_NAME"));
                        assertEquals(col.name(), rs.getString("COLUMN_NAME"));
                        assertEquals(col.description(), rs.getString("REMARKS"), table.name() + "." + col.name());
                        assertTrue(rs.getString("TYPE_NAME").matches("[A-Z]+"), rs.getString("TYPE_NAME"));
                        assertEquals(col.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls, rs.getInt("NULLABLE"));
                        assertEquals(col.nullable() ? "YES" : "NO", rs.getString("IS_NULLABLE"));
                    }
                }
                assertEquals(table.columns().stream().map(Column::name).toList(), names, table.name());
            }
            try (ResultSet rs = meta.getColumns(null, null, "binary_sections", "ADDRESS")) {
                assertTrue(rs.next());
                assertEquals(Types.DECIMAL, rs.getInt("DATA_TYPE"));
                assertEquals("DECIMAL", rs.getString("TYPE_NAME"));
                assertEquals(20, rs.getInt("COLUMN_SIZE"));
                assertEquals(0, rs.getInt("DECIMAL_DIGITS"));
                assertFalse(rs.next());
            }
            column(meta.getPrimaryKeys(null, RustbinSchema.NAME, "binary_sections"), "COLUMN_NAME");
            column(meta.getImportedKeys(null, RustbinSchema.NAME, "binary_sections"), "FKCOLUMN_NAME");
            column(meta.getExportedKeys(null, RustbinSchema.NAME, "binary_sections"), "FKCOLUMN_NAME");
            column(meta.getIndexInfo(null, RustbinSchema.NAME, "binary_sections", false, true), "INDEX_NAME");
        }
    }

    @Test
    void dataEditorReadsValuesAsTheJavaTypesItAsksFor() throws Exception {
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select section_name, address, size, content, is_executable, section_index"
                     + " from binary_sections where section_name = '.text'")) {
            assertEquals(s, rs.getStatement());
            ResultSetMetaData md = rs.getMetaData();
            assertEquals("DECIMAL", md.getColumnTypeName(2));
            assertEquals(BigDecimal.class.getName(), md.getColumnClassName(2));
            assertTrue(rs.next());
            Readelf.SectionRow text = Readelf.sections(DEMO).stream().filter(x -> x.name().equals(".text")).findFirst().orElseThrow();
            assertEquals(text.address(), rs.getObject("address", Long.class));
            assertEquals(BigInteger.valueOf(text.address()), rs.getObject(2, BigInteger.class));
            assertEquals(text.size(), rs.getObject(3, Long.class).longValue());
            assertEquals(String.valueOf(text.size()), rs.getObject(3, String.class));
            assertEquals(Boolean.TRUE, rs.getObject(5, Boolean.class));
            assertEquals(text.index(), rs.getObject(6, Integer.class));
            byte[] content = rs.getBytes(4);
            assertEquals(text.size(), content.length);
            try (InputStream in = rs.getBinaryStream(4)) {
                assertArrayEquals(content, in.readAllBytes());
            }
            Blob blob = rs.getBlob("content");
            assertEquals(content.length, blob.length());
            assertArrayEquals(content, blob.getBytes(1, content.length));
            assertArrayEquals(content, rs.getObject(4, byte[].class));
        }
    }

    @Test
    void valuesAboveLongMaxAreNeverNegative() throws Exception {
        byte[] bytes = Files.readAllBytes(DEMO);
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0x18, 0xffff_ffff_ff60_0000L);
        Path file = Files.write(Files.createTempDirectory("rustbin").resolve("high-entry"), bytes);
        try (Connection c = DriverManager.getConnection(RustbinDriver.PREFIX + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select entry_address from binary_files")) {
            assertTrue(rs.next());
            assertEquals(new BigInteger("18446744073699065856"), rs.getObject(1, BigInteger.class));
            SQLException e = assertThrows(SQLException.class, () -> rs.getObject(1, Long.class));
            assertEquals("22003", e.getSQLState());
        }
    }

    @Test
    void writingSqlIsRefusedInOneLine() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            for (String sql : List.of("insert into binary_files (path) values ('x')", "  -- a comment\n delete from binary_sections",
                    "CREATE TABLE t (a int)", "drop table binary_files", "update binary_symbols set symbol_size = 0")) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute(sql));
                assertEquals("25006", e.getSQLState(), sql);
                assertEquals(1, e.getMessage().lines().count(), e.getMessage());
                assertTrue(e.getMessage().startsWith("rustbin is read-only: "), e.getMessage());
            }
            assertThrows(SQLException.class, () -> c.prepareStatement("delete from binary_files"));
            assertEquals(1L, ((Number) single(c, "select count(*) from binary_files")).longValue(), "the connection still works");
        }
    }

    @Test
    void friendlySqlByDefault() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL)) {
            String version = (String) single(c, "select version()");
            assertTrue(version.startsWith("rustbin " + RustbinDriver.version() + " (Apache Calcite 1.42.0"), version);
            long loads = Readelf.segments(DEMO).stream().filter(seg -> seg.type().equals("LOAD")).count();
            assertEquals(loads, SqlResults.counts(c, "select segment_type, count(*) from binary_segments group by 1").get("LOAD"),
                    "GROUP BY an ordinal (lenient conformance)");
            assertEquals(".TEXT", single(c, "select upper(section_name) from binary_sections where section_name ilike '.TEXT'"));
            assertEquals("_text", single(c, "select regexp_replace(section_name, '\\.', '_') from binary_sections where section_name = '.text'"));
            assertEquals(".init,.text", single(c, "select string_agg(section_name, ',' order by section_name) from binary_sections"
                    + " where section_name in ('.text', '.init')"));
            assertEquals(0L, ((Number) single(c, "select count(*) from binary_symbols where symbol_name like '%日本%'")).longValue(),
                    "literals are UTF-8, as Rust names are");
            try (PreparedStatement p = c.prepareStatement("select section_name s, count(*) from binary_sections group by s order by s limit 1")) {
                try (ResultSet rs = p.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("", rs.getString(1), "the null section sorts first");
                }
            }
        }
    }
}
