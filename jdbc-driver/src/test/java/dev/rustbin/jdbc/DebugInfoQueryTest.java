package dev.rustbin.jdbc;

import static dev.rustbin.jdbc.SqlResults.rows;
import static dev.rustbin.jdbc.SqlResults.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Tools;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DWARF tables and columns through JDBC, against addr2line, readelf and nm on the same file. */
class DebugInfoQueryTest {

    @TempDir
    Path dir;

    private static Connection open(Path target) throws SQLException {
        return DriverManager.getConnection(RustbinDriver.PREFIX + target);
    }

    /** instructions.source_file/source_line and addr2line() against binutils addr2line (innermost line, no -i). */
    @Test
    void instructionLinesAndAddr2lineAgreeWithAddr2line() throws SQLException {
        Path binary = Corpus.fixture("allocdemo");
        try (Connection c = open(binary)) {
            List<List<Object>> rows = rows(c, "select address, source_file, source_line, addr2line(path, address) from instructions "
                    + "where symbol_name like '%allocate_kept%' order by address");
            assertTrue(rows.size() > 10, rows.toString());
            List<String> command = new ArrayList<>(List.of("addr2line", "-e", binary.toString()));
            rows.forEach(r -> command.add(((BigDecimal) r.get(0)).toBigInteger().toString(16)));
            List<String> expected = Tools.run(command).lines().map(l -> l.replaceFirst(" \\(discriminator \\d+\\)$", "")).toList();
            for (int i = 0; i < rows.size(); i++) {
                List<Object> r = rows.get(i);
                String ours = r.get(1) + ":" + (((Number) r.get(2)).intValue() == 0 ? "?" : r.get(2));
                assertEquals(expected.get(i), ours, "at " + r.get(0));
                assertEquals(ours, r.get(3));
            }
        }
    }

    @Test
    void debugTablesCountWhatTheToolsCount() throws SQLException {
        Path binary = Corpus.fixture("allocdemo");
        long readelfRows = Tools.run(List.of("readelf", "--debug-dump=decodedline", "-W", binary.toString())).lines()
                .filter(l -> l.matches("^\\S+\\s+(\\d+|-)\\s+(0x[0-9a-f]+|0)(\\s+\\d+)?(\\s+x)?\\s*$")).count();
        try (Connection c = open(binary)) {
            assertEquals(readelfRows, ((Number) single(c, "select count(*) from debug_lines")).longValue());
            // A function DWARF and the symbol table both list has one size: joined on address and name.
            List<List<Object>> joined = rows(c, "select f.size, s.symbol_size from debug_functions f join binary_symbols s "
                    + "on s.symbol_address = f.low_pc and s.symbol_name = f.linkage_name where not f.is_inlined and f.range_count = 1");
            assertTrue(joined.size() > 100, joined.size() + " joined");
            joined.forEach(r -> assertEquals(r.get(1), r.get(0)));
            assertEquals("Rust", single(c, "select distinct source_language from debug_compile_units where name like 'allocdemo/src/main.rs%'"));
            assertTrue(((Number) single(c, "select code_bytes from debug_source_files where file like '%allocdemo/src/main.rs'")).longValue() > 100);
        }
    }

    /** A corrupt line table: one clear error naming the file and section; the other tables of the same connection still answer. */
    @Test
    void corruptLineTableIsAClearErrorAndOtherTablesStillAnswer() throws Exception {
        Path copy = dir.resolve("allocdemo");
        Files.copy(Corpus.fixture("allocdemo"), copy);
        String offset = Tools.run(List.of("readelf", "-SW", copy.toString())).lines().filter(l -> l.contains(" .debug_line "))
                .findFirst().orElseThrow().trim().split("\\s+")[4];
        try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {(byte) 0x63, 0}), Long.parseLong(offset, 16) + 4);
        }
        try (Connection c = open(copy)) {
            SQLException e = assertThrows(SQLException.class, () -> single(c, "select count(*) from debug_lines"));
            assertTrue(e.getMessage().contains(copy + ": .debug_line: line program at 0x0: version 99"), e.getMessage());
            assertTrue(((Number) single(c, "select count(*) from debug_functions")).longValue() > 100);
            assertTrue(((Number) single(c, "select count(*) from binary_symbols")).longValue() > 100);
        }
    }
}
