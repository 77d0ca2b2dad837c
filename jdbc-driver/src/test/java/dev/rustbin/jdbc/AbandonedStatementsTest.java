package dev.rustbin.jdbc;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.calcite.RustbinSchema;
import dev.rustbin.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.Test;

/** Statements and result sets a client never closes: the connection's close frees them, and so does the garbage collector. */
class AbandonedStatementsTest {

    private static final String[] QUERIES = {
        "select symbol_name, demangled_name from binary_symbols",
        "select section_name, content from binary_sections",
        "select address, mnemonic from instructions",
        "select * from binary_files",
    };

    @Test
    void closingTheConnectionClosesAThousandUnclosedStatements() throws Exception {
        long rssBefore = rssKib();
        Connection connection = DriverManager.getConnection("jdbc:rustbin:" + Corpus.fixture("demo-release"));
        BufferAllocator allocator = allocatorOf(connection);
        List<ResultSet> abandoned = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Statement statement = i % 2 == 0 ? connection.createStatement() : connection.prepareStatement(QUERIES[i % QUERIES.length]);
            ResultSet rows = statement instanceof java.sql.PreparedStatement prepared ? prepared.executeQuery()
                    : statement.executeQuery(QUERIES[i % QUERIES.length]);
            assertTrue(rows.next());
            abandoned.add(rows);
        }
        long heldBeforeClose = allocator.getAllocatedMemory();
        long rssBeforeClose = rssKib();
        assertTrue(heldBeforeClose > 0, "the open result sets hold Arrow batches");
        assertDoesNotThrow(connection::close);
        assertEquals(0, allocator.getAllocatedMemory(), "Arrow bytes held after close");
        assertTrue(abandoned.stream().allMatch(AbandonedStatementsTest::isClosed), "every result set is closed with its connection");
        abandoned.clear();
        System.gc();
        long rssAfter = rssKib();
        System.out.printf("1000 unclosed statements: %d MiB of Arrow batches held before close; RSS %d MiB at the start,"
                + " %d MiB before close, %d MiB after%n", heldBeforeClose >> 20, rssBefore >> 10, rssBeforeClose >> 10, rssAfter >> 10);
        // the Java heap the queries grew stays committed; the Arrow batches must go back to the system
        assertTrue((rssBeforeClose - rssAfter) << 10 > heldBeforeClose / 2, "RSS fell by " + ((rssBeforeClose - rssAfter) >> 10) + " MiB only");
    }

    @Test
    void aStatementLeftToTheGarbageCollectorFreesItsArrowMemory() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:rustbin:" + Corpus.fixture("demo-release"))) {
            BufferAllocator allocator = allocatorOf(connection);
            // held until the batches are seen allocated: a collection before that would free them too early to tell
            List<ResultSet> open = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ResultSet rows = connection.createStatement().executeQuery(QUERIES[i % QUERIES.length]);
                assertTrue(rows.next());
                open.add(rows);
            }
            assertTrue(allocator.getAllocatedMemory() > 0);
            open.clear();
            for (int i = 0; i < 200 && allocator.getAllocatedMemory() > 0; i++) {
                System.gc();
                Thread.sleep(10);
            }
            assertEquals(0, allocator.getAllocatedMemory(), "Arrow bytes still held by unreachable statements");
            assertEquals(1, ((Number) SqlResults.single(connection, "select count(*) from binary_files")).intValue(),
                    "the connection still works");
        }
    }

    private static BufferAllocator allocatorOf(Connection connection) throws SQLException {
        return connection.unwrap(CalciteConnection.class).getRootSchema().getSubSchema(RustbinSchema.NAME)
                .unwrap(RustbinSchema.class).allocator();
    }

    private static boolean isClosed(ResultSet rows) {
        try {
            return rows.isClosed();
        } catch (SQLException e) {
            return false;
        }
    }

    private static long rssKib() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElseThrow();
    }
}
