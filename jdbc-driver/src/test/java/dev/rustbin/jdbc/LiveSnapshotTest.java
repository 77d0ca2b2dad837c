package dev.rustbin.jdbc;

import static dev.rustbin.jdbc.SqlResults.rows;
import static dev.rustbin.jdbc.SqlResults.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.ParkedMemdemo;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The pid property: a live snapshot at connect, more through take_snapshot(), and the process runs on. */
class LiveSnapshotTest {

    private static Connection openPid(long pid) throws SQLException {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(pid));
        return DriverManager.getConnection(RustbinDriver.PREFIX, p);
    }

    @Test
    void liveSnapshotsOfAParkedProgramThatThenFinishes() throws Exception {
        try (ParkedMemdemo demo = ParkedMemdemo.start()) {
            try (Connection c = openPid(demo.pid())) {
                assertEquals(demo.executable().toRealPath().toString(), single(c, "select path from memory_snapshots"));
                assertEquals(List.of(List.of("live", BigDecimal.valueOf(demo.pid()), BigDecimal.valueOf(3))),
                        rows(c, "select source, pid, threads from memory_snapshots"));
                List<String> maps = Files.readAllLines(Path.of("/proc", Long.toString(demo.pid()), "maps"));
                assertEquals((long) maps.size(), ((Number) single(c, "select count(*) from memory_mappings")).longValue());
                Object counter = single(c, "select content_snapshot from memory_regions where symbol_name = 'MEMDEMO_COUNTER'");
                assertEquals(demo.counter(), ByteBuffer.wrap((byte[]) counter).order(ByteOrder.LITTLE_ENDIAN).getLong());
                assertEquals("heap", single(c, "select type from memory_mappings where mapped_file = '[heap]'"));

                List<List<Object>> second = rows(c, "select snapshot_id from table(take_snapshot())");
                assertEquals(List.of(List.of(BigDecimal.valueOf(2))), second);
                assertEquals(List.of(List.of(BigDecimal.ONE), List.of(BigDecimal.valueOf(2))),
                        rows(c, "select snapshot_id from memory_snapshots order by 1"));
                assertTrue(((Number) single(c, "select count(*) from memory_regions where snapshot_id = 2 and region_kind = 'static'"))
                        .longValue() > 0);
                assertTrue(demo.isAlive());
            }
            assertTrue(demo.release().stream().anyMatch(l -> l.startsWith("done 8 4")), demo.lines().toString());
        }
    }

    @Test
    void aPidThatDoesNotExistIsAOneLineError() {
        SQLException e = assertThrows(SQLException.class, () -> openPid(999_999_999L).close());
        assertEquals("rustbin: pid 999999999: no such process", e.getMessage());
        Properties p = new Properties();
        p.setProperty("pid", "twelve");
        SQLException bad = assertThrows(SQLException.class, () -> DriverManager.getConnection(RustbinDriver.PREFIX, p).close());
        assertEquals("rustbin: pid must be a process id, not 'twelve'", bad.getMessage());
    }
}
