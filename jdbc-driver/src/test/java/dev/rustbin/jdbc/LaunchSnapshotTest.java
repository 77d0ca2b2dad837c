package dev.rustbin.jdbc;

import static dev.rustbin.jdbc.SqlResults.rows;
import static dev.rustbin.jdbc.SqlResults.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.Corpus;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launch property: a program run under rustbin to its exit, with timer, breakpoint and exit snapshots. */
class LaunchSnapshotTest {

    @TempDir
    Path dir;

    private Properties launch(String... command) {
        Properties p = new Properties();
        p.setProperty("launch", String.join("\n", command));
        p.setProperty("launch_output", dir.resolve("out.txt").toString());
        return p;
    }

    @Test
    void timerSnapshotsFollowTheHeapAsItGrows() throws Exception {
        Properties p = launch(Corpus.fixture("memdemo").toString(), "grow", "12");
        p.setProperty("every", "100ms");
        try (Connection c = DriverManager.getConnection(RustbinDriver.PREFIX, p)) {
            List<List<Object>> snaps = rows(c, "select snapshot_id, snapshot_trigger, taken_at, heap_bytes from memory_snapshots order by snapshot_id");
            List<List<Object>> timers = snaps.stream().filter(r -> r.get(1).equals("timer")).toList();
            assertTrue(timers.size() >= 3, snaps.toString());
            List<Object> exit = snaps.get(snaps.size() - 1);
            assertEquals("exit", exit.get(1));
            for (int i = 1; i < snaps.size(); i++) {
                assertTrue(((java.sql.Timestamp) snaps.get(i).get(2)).compareTo((java.sql.Timestamp) snaps.get(i - 1).get(2)) >= 0, snaps.toString());
            }
            for (int i = 1; i < timers.size(); i++) {
                assertTrue(((BigDecimal) timers.get(i).get(3)).compareTo((BigDecimal) timers.get(i - 1).get(3)) >= 0, snaps.toString());
            }
            List<Object> lastTimer = timers.get(timers.size() - 1);
            long first = ((BigDecimal) timers.get(0).get(3)).longValue();
            long last = ((BigDecimal) lastTimer.get(3)).longValue();
            assertTrue(last - first >= 3L << 20, snaps.toString());
            // Each round adds one 1 MiB block (an mmapped chunk); everything else the program holds is far smaller.
            assertEquals(last >> 20, ((Number) single(c, "select count(*) from memory_regions where region_kind = 'chunk' "
                    + "and size >= 1048576 and snapshot_id = " + lastTimer.get(0))).longValue());
            // At exit main has returned and dropped the blocks.
            assertTrue(((BigDecimal) exit.get(3)).longValue() < 1L << 20, snaps.toString());
        }
        assertEquals(List.of("grew 12 MiB"), Files.readAllLines(dir.resolve("out.txt")));
    }

    @Test
    void breakpointSnapshotsStopAtTheFunctionUpToNTimes() throws Exception {
        Properties p = launch(Corpus.fixture("memdemo").toString(), "grow", "6");
        p.setProperty("at", "memdemo_checkpoint:3");
        try (Connection c = DriverManager.getConnection(RustbinDriver.PREFIX, p)) {
            assertEquals(List.of(List.of("breakpoint", 3L), List.of("exit", 1L)),
                    rows(c, "select snapshot_trigger, count(*) from memory_snapshots group by snapshot_trigger order by 1").stream()
                            .map(r -> List.<Object>of(r.get(0), ((Number) r.get(1)).longValue())).toList());
            assertEquals(3L, ((Number) single(c, "select count(*) from memory_regions r join memory_snapshots s "
                    + "on s.snapshot_id = r.snapshot_id where s.snapshot_trigger = 'breakpoint' and r.region_kind = 'frame' "
                    + "and r.frame_index = 0 and r.function_name = 'memdemo_checkpoint'")).longValue());
            // MEMDEMO_COUNTER counts the calls that completed before each stop: 0, 1, 2.
            List<Object> counters = rows(c, "select r.content_snapshot from memory_regions r join memory_snapshots s "
                    + "on s.snapshot_id = r.snapshot_id where s.snapshot_trigger = 'breakpoint' and r.symbol_name = 'MEMDEMO_COUNTER' "
                    + "order by s.snapshot_id").stream().map(r -> (Object) java.nio.ByteBuffer.wrap((byte[]) r.get(0))
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong()).toList();
            assertEquals(List.of(0L, 1L, 2L), counters);
        }
        assertEquals(List.of("grew 6 MiB"), Files.readAllLines(dir.resolve("out.txt")));
    }

    @Test
    void anUnknownFunctionOrProgramIsAOneLineError() {
        Properties p = launch(Corpus.fixture("memdemo").toString(), "grow", "1");
        p.setProperty("at", "no_such_function");
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(RustbinDriver.PREFIX, p).close());
        assertTrue(e.getMessage().contains("no_such_function") && e.getMessage().contains("memdemo"), e.getMessage());
        Properties missing = launch(dir.resolve("nothing-here").toString());
        SQLException m = assertThrows(SQLException.class, () -> DriverManager.getConnection(RustbinDriver.PREFIX, missing).close());
        assertTrue(m.getMessage().contains("nothing-here"), m.getMessage());
        Properties badEvery = launch(Corpus.fixture("memdemo").toString(), "grow", "1");
        badEvery.setProperty("every", "soon");
        SQLException d = assertThrows(SQLException.class, () -> DriverManager.getConnection(RustbinDriver.PREFIX, badEvery).close());
        assertEquals("rustbin: every: 'soon' is not a duration such as 200ms, 1s or 2m", d.getMessage());
    }
}
