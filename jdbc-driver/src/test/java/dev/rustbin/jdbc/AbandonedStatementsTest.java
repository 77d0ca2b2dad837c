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
    private static final long RSS_SLACK_KIB = 100 << 10;
    private static final int SETTLE_ROUNDS = 50;

    /**
     * RSS is measured from a process that has already run each query once: the classes, JIT code and
     * caches that first use loads stay for the life of the JVM and are no leak. What the thousand
     * open statements hold (Arrow batches off the heap, and on it each open instructions scan's
     * decoded-ahead rows) must go back to the system once the connection closes. The Java heap the
     * queries grew is given back by G1 only after a full collection, and then concurrently, so RSS is
     * read after collections (at most {@link #SETTLE_ROUNDS}) rather than at once.
     */
    @Test
    void closingTheConnectionClosesAThousandUnclosedStatements() throws Exception {
        runEachQueryOnce();
        long rssStart = settledRssKib(0, 5);
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
        long heapBeforeClose = Runtime.getRuntime().totalMemory();
        assertTrue(heldBeforeClose > 0, "the open result sets hold Arrow batches");
        assertDoesNotThrow(connection::close);
        assertEquals(0, allocator.getAllocatedMemory(), "Arrow bytes held after close");
        long rssClosed = rssKib();
        assertTrue(abandoned.stream().allMatch(AbandonedStatementsTest::isClosed), "every result set is closed with its connection");
        abandoned.clear();
        long rssAfter = settledRssKib(rssStart + RSS_SLACK_KIB, SETTLE_ROUNDS);
        System.out.printf("1000 unclosed statements: %d MiB of Arrow batches and %d MiB of committed Java heap before close;"
                        + " RSS %d MiB at the start, %d MiB before close, %d MiB just after close, %d MiB once collected"
                        + " (%d MiB of committed Java heap)%n",
                heldBeforeClose >> 20, heapBeforeClose >> 20, rssStart >> 10, rssBeforeClose >> 10, rssClosed >> 10, rssAfter >> 10,
                Runtime.getRuntime().totalMemory() >> 20);
        assertTrue((rssBeforeClose - rssClosed) << 10 > heldBeforeClose / 2,
                "closing gave back " + ((rssBeforeClose - rssClosed) >> 10) + " MiB only of " + (heldBeforeClose >> 20) + " MiB of Arrow batches");
        assertTrue(rssAfter - rssStart <= RSS_SLACK_KIB, "RSS grew from " + (rssStart >> 10) + " MiB to " + (rssAfter >> 10) + " MiB");
    }

    private static void runEachQueryOnce() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:rustbin:" + Corpus.fixture("demo-release"))) {
            for (String sql : QUERIES) {
                try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                    assertTrue(rows.next());
                }
            }
        }
    }

    /** RSS after full collections, stopping early once it is at or below {@code targetKib}; the lowest reading. */
    private static long settledRssKib(long targetKib, int rounds) throws IOException, InterruptedException {
        long lowest = rssKib();
        for (int i = 0; i < rounds && lowest > targetKib; i++) {
            System.gc();
            Thread.sleep(100);
            lowest = Math.min(lowest, rssKib());
        }
        return lowest;
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
