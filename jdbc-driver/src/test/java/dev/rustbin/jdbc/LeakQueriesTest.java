package dev.rustbin.jdbc;

import static dev.rustbin.jdbc.SqlResults.allocatorOf;
import static dev.rustbin.jdbc.SqlResults.rows;
import static dev.rustbin.jdbc.SqlResults.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.ParkedProgram;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leaks and what retains a chunk, in SQL, on a core of allocdemo and on a launch of it stopped at
 * its checkpoint and at exit: the README's queries give the five blocks a thread leaked (what
 * valgrind reports definitely lost, checked in LeakedChunksTest) and the chain static KEPT -> Vec
 * buffer -> kept blocks.
 */
class LeakQueriesTest {

    private static final long LEAKED_USABLE = 6008;

    @TempDir
    static Path dir;

    private static Path core;
    private static ParkedProgram demo;

    @BeforeAll
    static void takeCore() {
        demo = ParkedProgram.start("allocdemo", Map.of(), "sites");
        core = demo.gcore(dir);
    }

    @AfterAll
    static void release() {
        assertTrue(demo.release().contains("done"));
        demo.close();
    }

    /** The core named in the URL, as the README shows it. */
    private static Connection open() throws SQLException {
        return DriverManager.getConnection(RustbinDriver.PREFIX + demo.executable() + "?core=" + core);
    }

    private static Set<BigDecimal> kept() {
        return Arrays.stream(demo.field("kept").split(" at ")[1].split(","))
                .map(a -> new BigDecimal(Long.parseUnsignedLong(a.substring(2), 16))).collect(Collectors.toSet());
    }

    private static String keptList() {
        return kept().stream().map(BigDecimal::toPlainString).collect(Collectors.joining(", "));
    }

    @Test
    void unreachableChunksBySizeAreTheFiveLeakedBlocks() throws SQLException {
        try (Connection c = open()) {
            List<List<Object>> bySize = rows(c, "select size, count(*) from memory_regions "
                    + "where region_kind = 'chunk' and not is_reachable group by size order by size");
            assertEquals(List.of(List.of(BigDecimal.valueOf(LEAKED_USABLE), 5L)), bySize);
            List<List<Object>> summary = rows(c, "select unreachable_chunks, unreachable_bytes from memory_snapshots");
            assertEquals(List.of(List.of(BigDecimal.valueOf(5), BigDecimal.valueOf(5 * LEAKED_USABLE))), summary);
            assertEquals(0L, ((Number) single(c, "select count(*) from memory_regions "
                    + "where region_kind <> 'chunk' and is_reachable is not null")).longValue());
            List<List<Object>> kept = rows(c, "select distinct is_reachable from memory_regions where region_kind = 'chunk' "
                    + "and start_address in (" + keptList() + ")");
            assertEquals(List.of(List.of(true)), kept);
            assertEquals(0, allocatorOf(c).getAllocatedMemory());
        }
    }

    @Test
    void theKeptBlocksAreHeldByOneVecBufferWhichTheStaticKeptHolds() throws SQLException {
        try (Connection c = open()) {
            List<List<Object>> holders = rows(c, "select r.from_region_id, r.from_offset, r.to_offset, m.region_kind, m.start_address, r.from_start_address "
                    + "from heap_references r join memory_regions m on m.region_id = r.from_region_id "
                    + "where r.to_start_address in (" + keptList() + ")");
            assertEquals(10, holders.size(), holders.toString());
            Set<Object> buffers = new HashSet<>();
            for (List<Object> h : holders) {
                buffers.add(h.get(0));
                assertEquals(BigDecimal.ZERO, h.get(2), "a pointer to the block's start");
                assertEquals("chunk", h.get(3));
                assertEquals(h.get(4), h.get(5), "from_region_id names the chunk at from_start_address");
            }
            assertEquals(1, buffers.size(), holders.toString());
            Object buffer = buffers.iterator().next();
            List<List<Object>> roots = rows(c, "select root_kind, from_symbol, from_region_id from heap_references "
                    + "where to_region_id = " + buffer + " and root_kind is not null");
            assertTrue(roots.stream().anyMatch(r -> r.get(0).equals("static") && String.valueOf(r.get(1)).contains("KEPT")
                    && r.get(2) == null), roots.toString());
            // The same, with the filter on root_kind pushed into the scan (chunk sources skipped).
            assertEquals(roots.stream().filter(r -> r.get(0).equals("static")).count(), ((Number) single(c,
                    "select count(*) from heap_references where to_region_id = " + buffer + " and root_kind = 'static'")).longValue());
            assertEquals(0, allocatorOf(c).getAllocatedMemory());
        }
    }

    @Test
    void aLaunchStoppedAtTheCheckpointAndAtExitFindsTheSameLeak() throws Exception {
        Properties p = new Properties();
        p.setProperty("launch", Corpus.fixture("allocdemo") + "\nsites");
        p.setProperty("at", "allocdemo_checkpoint:1");
        p.setProperty("launch_input", "/dev/null");
        p.setProperty("launch_output", dir.resolve("launch.txt").toString());
        try (Connection c = DriverManager.getConnection(RustbinDriver.PREFIX, p)) {
            List<List<Object>> leaks = rows(c, "select snapshot_trigger, unreachable_chunks, unreachable_bytes from memory_snapshots order by snapshot_id");
            // At exit, where memcheck looks, the same five blocks are lost and the kept ones still held.
            List<Object> lost = List.of(BigDecimal.valueOf(5), BigDecimal.valueOf(5 * LEAKED_USABLE));
            assertEquals(List.of(List.of("breakpoint", lost.get(0), lost.get(1)), List.of("exit", lost.get(0), lost.get(1))), leaks);
            assertEquals(List.of(List.of(BigDecimal.ONE, 10L), List.of(BigDecimal.valueOf(2), 10L)), rows(c, "select snapshot_id, count(*) "
                    + "from memory_regions where region_kind = 'chunk' and size = 4008 and is_reachable group by snapshot_id order by snapshot_id"));
        }
        assertTrue(Files.readAllLines(dir.resolve("launch.txt")).contains("ready"));
    }
}
