package dev.rustbin.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What EXPLAIN shows of the columnar pipeline, the connection properties, and a quiet terminal. */
class ColumnarExecutionTest {

    private static Connection open(Path binary, String property, String value) throws SQLException {
        Properties p = new Properties();
        p.setProperty(property, value);
        return DriverManager.getConnection(RustbinDriver.PREFIX + binary, p);
    }

    @Test
    void explainShowsPushedConjunctsPruningAndWhatStayedInCalcite() throws SQLException {
        try (Connection c = open(Corpus.fixture("demo-release"), "gandiva", "true")) {
            String plan = (String) SqlResults.single(c, "explain plan for select address from instructions "
                    + "where mnemonic = 'call' and address >= 4096 and char_length(operands) > 8");
            assertTrue(plan.contains("ArrowFilter(condition=[AND(=($1, 'call'), >=($0, 4096))]"), plan);
            assertTrue(plan.contains("gandiva=[(equal(mnemonic, 'call') and (less_than(address:bits, 0) or "
                    + "greater_than_or_equal_to(address:bits, 4096)))]"), plan);
            assertTrue(plan.contains("prune=[mnemonic in [call], address in [0x1000, 0xffffffffffffffff]]"), plan);
            assertTrue(plan.contains("EnumerableCalc") && plan.contains("CHAR_LENGTH"), "the function stays in Calcite: " + plan);
            assertTrue(plan.contains("columns=[[address, mnemonic, operands]]"), plan);
        }
    }

    @Test
    void aProjectionOverAPushedFilterRunsOnTheSameBatches() throws SQLException {
        try (Connection c = open(Corpus.fixture("demo-release"), "gandiva", "always");
             Connection off = open(Corpus.fixture("demo-release"), "pushdown", "false")) {
            String sql = "select address, size * 2 + 1, upper(mnemonic) from instructions where mnemonic = 'call' and size = 5";
            String plan = (String) SqlResults.single(c, "explain plan for " + sql);
            assertTrue(plan.startsWith("ArrowToEnumerableConverter\n  ArrowProject("), plan);
            assertTrue(plan.contains("computed=[add(multiply(size, 2), 1), upper(mnemonic)]"), plan);
            assertTrue(plan.contains("ArrowFilter(condition=[AND(=($2, 'call'), =($1, 5))]"), plan);
            List<List<Object>> rows = SqlResults.rows(c, sql);
            assertEquals(SqlResults.rows(off, sql), rows);
            assertTrue(rows.size() > 100 && rows.stream().allMatch(r -> r.get(1).equals(11) && r.get(2).equals("CALL")), rows.toString());
        }
    }

    @Test
    void pushdownOffLeavesTheFilterToCalciteButStillPrunes() throws SQLException {
        try (Connection c = open(Corpus.fixture("demo-release"), "pushdown", "false")) {
            String plan = (String) SqlResults.single(c, "explain plan for select address from instructions where mnemonic = 'call'");
            assertFalse(plan.contains("ArrowFilter"), plan);
            assertTrue(plan.contains("prune=[mnemonic in [call]]"), plan);
        }
    }

    @Test
    void gandivaOffRunsTheSameFilterInJava() throws SQLException {
        try (Connection java = open(Corpus.fixture("demo-release"), "gandiva", "false");
             Connection off = open(Corpus.fixture("demo-release"), "pushdown", "false")) {
            String sql = "select count(*) from instructions where mnemonic like 'j%' and is_conditional";
            String plan = (String) SqlResults.single(java, "explain plan for " + sql);
            assertTrue(plan.contains("ArrowFilter"), plan);
            long calls = ((Number) SqlResults.single(java, sql)).longValue();
            assertEquals(((Number) SqlResults.single(off, sql)).longValue(), calls);
            assertTrue(calls > 100, "conditional jumps: " + calls);
        }
    }

    @Test
    void aBadPropertyValueIsAClearError() {
        SQLException e = assertThrows(SQLException.class, () -> open(Corpus.fixture("demo-release"), "gandiva", "maybe"));
        assertEquals("rustbin: gandiva must be true or false (or always), not 'maybe'", e.getMessage());
    }

    /** Gandiva's native library logs its cache size and the CPU's feature list to stderr; none of it may get out. */
    @Test
    void gandivaNativeLogLinesNeverReachStderr() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), GandivaQueryMain.class.getName(),
                Corpus.fixture("demo-release").toString(), "77")).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), err);
        assertTrue(out.strip().matches("\\d+"), out);
        assertEquals("", err);
    }
}
