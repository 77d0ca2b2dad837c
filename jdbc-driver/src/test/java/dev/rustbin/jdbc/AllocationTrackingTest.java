package dev.rustbin.jdbc;

import static dev.rustbin.jdbc.SqlResults.allocatorOf;
import static dev.rustbin.jdbc.SqlResults.rows;
import static dev.rustbin.jdbc.SqlResults.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.cache.RustbinDirectories;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Allocation tracking on allocdemo: one tracked launch stopped at allocdemo_checkpoint(1), after the
 * program allocated, freed and leaked its blocks, checked against the program's own source and
 * output and against heaptrack's own reader of the same kind of recording.
 */
class AllocationTrackingTest {

    @TempDir
    static Path dir;

    private static Connection connection;
    private static long checkpoint;

    @BeforeAll
    static void launch() throws Exception {
        Files.writeString(dir.resolve("in.txt"), "");
        connection = DriverManager.getConnection(RustbinDriver.PREFIX, properties(Corpus.fixture("allocdemo"), "sites"));
        checkpoint = ((Number) single(connection, "select snapshot_id from memory_snapshots where snapshot_trigger = 'breakpoint'")).longValue();
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    private static Properties properties(Path program, String... arguments) {
        Properties p = new Properties();
        p.setProperty("launch", program + "\n" + String.join("\n", arguments));
        p.setProperty("launch_input", dir.resolve("in.txt").toString());
        p.setProperty("launch_output", dir.resolve("out-" + arguments[0] + ".txt").toString());
        p.setProperty("at", "allocdemo_checkpoint:1");
        p.setProperty("track_allocations", "true");
        return p;
    }

    private static long number(String sql) throws SQLException {
        Object value = single(connection, sql);
        return value == null ? 0 : ((Number) value).longValue();
    }

    @Test
    void theSnapshotCutIsExactAndTheProgramRanToItsEnd() throws Exception {
        assertEquals(List.of(List.of("breakpoint", true), List.of("exit", true)),
                rows(connection, "select snapshot_trigger, allocation_cut_exact from memory_snapshots order by snapshot_id"));
        List<String> out = Files.readAllLines(dir.resolve("out-sites.txt"));
        assertEquals("done", out.get(out.size() - 1), out.toString());
    }

    @Test
    void eventsCountWhatTheProgramDid() throws Exception {
        // allocdemo's blocks: 10 kept, 20 allocated then freed, 5 leaked; the frees carry the freed block's size.
        assertEquals(10, number("select count(*) from allocation_events where kind = 'alloc' and size = 4000"));
        assertEquals(20, number("select count(*) from allocation_events where kind = 'alloc' and size = 5000"));
        assertEquals(20, number("select count(*) from allocation_events where kind = 'free' and size = 5000"));
        assertEquals(5, number("select count(*) from allocation_events where kind = 'alloc' and size = 6000"));
        assertEquals(0, number("select count(*) from allocation_events where kind = 'free' and size in (4000, 6000)"));
        // The pushed Vec doubles its capacity through realloc up to 131072 bytes (the program prints its capacity).
        String grown = Files.readAllLines(dir.resolve("out-sites.txt")).stream().filter(l -> l.startsWith("grown")).findFirst().orElseThrow();
        Matcher m = Pattern.compile("grown 100000 at 0x([0-9a-f]+) capacity (\\d+)").matcher(grown);
        assertTrue(m.matches(), grown);
        assertEquals(1, number("select count(*) from allocation_events where kind = 'realloc' and size = " + m.group(2)
                + " and pointer = " + Long.parseUnsignedLong(m.group(1), 16)));
        assertTrue(number("select count(*) from allocation_events where kind = 'realloc'") >= 5);
        // Events before the checkpoint: every one of the program's blocks was allocated by then.
        long before = number("select allocation_events_before from memory_snapshots where snapshot_id = " + checkpoint);
        assertEquals(35, number("select count(*) from allocation_events where kind = 'alloc' and size in (4000, 5000, 6000) and sequence < " + before));
    }

    @Test
    void eventCountsAgreeWithHeaptracksOwnReader() throws Exception {
        Path recording = dir.resolve("heaptrack.allocdemo");
        Tools.run(List.of("sh", "-c", "heaptrack -o \"$0\" \"$1\" sites </dev/null >/dev/null 2>&1", recording.toString(),
                Corpus.fixture("allocdemo").toString()));
        String printed = Tools.run(List.of("heaptrack_print", "-f", recording + ".zst"));
        Matcher calls = Pattern.compile("calls to allocation functions: (\\d+)").matcher(printed);
        assertTrue(calls.find(), printed);
        assertEquals(Long.parseLong(calls.group(1)), number("select count(*) from allocation_events where kind in ('alloc', 'realloc')"));
    }

    /** file:line of the line marked {@code // site: NAME} in allocdemo's source, as DWARF names it. */
    private static String site(String name) throws IOException {
        Path source = Corpus.fixtures().resolve("../../rust/allocdemo/src/main.rs").toRealPath();
        List<String> lines = Files.readAllLines(source);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// site: " + name)) {
                return source + ":" + (i + 1);
            }
        }
        throw new IllegalStateException("no line marked site: " + name + " in " + source);
    }

    private List<List<Object>> perSite(String site) throws SQLException {
        return rows(connection, "select count(*), sum(allocated_size) from memory_regions where region_kind = 'chunk' and snapshot_id = "
                + checkpoint + " and allocation_site = '" + site + "'").stream()
                .map(r -> List.<Object>of(((Number) r.get(0)).longValue(), r.get(1) == null ? 0L : ((Number) r.get(1)).longValue())).toList();
    }

    @Test
    void everyLiveBlockIsAtItsMarkedLineWithWhatTheProgramAllocatedThere() throws Exception {
        assertEquals(List.of(List.of(10L, 40000L)), perSite(site("kept")));
        assertEquals(List.of(List.of(5L, 30000L)), perSite(site("leaked")));
        assertEquals(List.of(List.of(0L, 0L)), perSite(site("freed")));
        assertEquals(List.of(List.of(1L, 131072L)), perSite(site("grown")));
        // And the other way round: each block size the program used lives only at its line.
        assertEquals(List.of(List.of(site("kept"), 10L), List.of(site("leaked"), 5L), List.of(site("grown"), 1L)),
                rows(connection, "select allocation_site, count(*) from memory_regions where snapshot_id = " + checkpoint
                        + " and allocated_size in (4000, 5000, 6000, 131072) group by allocation_site order by 2 desc").stream()
                        .map(r -> List.<Object>of(r.get(0), ((Number) r.get(1)).longValue())).toList());
        // The events carry the same sites: the 20 freed blocks were allocated at their line.
        assertEquals(20, number("select count(*) from allocation_events where kind = 'free' and size = 5000 and site = '" + site("freed") + "'"));
    }

    @Test
    void liveChunksCarryTheirAllocation() throws Exception {
        // heaptrack records the pointer malloc returned, which is the chunk's start: the kept blocks' addresses, as the program printed them.
        String kept = Files.readAllLines(dir.resolve("out-sites.txt")).stream().filter(l -> l.startsWith("kept")).findFirst().orElseThrow();
        String[] pointers = kept.substring(kept.indexOf(" at ") + 4).split(",");
        assertEquals(10, pointers.length);
        for (String pointer : pointers) {
            assertEquals(List.of(List.of(4000L, 1L)), rows(connection, "select allocated_size, count(*) from memory_regions where region_kind = 'chunk' "
                    + "and snapshot_id = " + checkpoint + " and start_address = " + Long.parseUnsignedLong(pointer.substring(2), 16)
                    + " group by allocated_size").stream().map(r -> List.<Object>of(((Number) r.get(0)).longValue(), ((Number) r.get(1)).longValue())).toList());
        }
        // Freed blocks are gone from the heap walk, so no live chunk claims them.
        assertEquals(0, number("select count(*) from memory_regions where snapshot_id = " + checkpoint + " and allocated_size = 5000"));
        assertEquals(30000, number("select sum(allocated_size) from memory_regions where snapshot_id = " + checkpoint + " and allocated_size = 6000"));
        // Each chunk's backtrace reaches the function that asked; the pushed Vec's starts in RawVec's growth, which the site skips,
        // and in Vec::push inlined into grow_by_push.
        assertEquals(10, number("select count(distinct r.start_address) from memory_regions r join heap_backtraces b on b.trace_id = r.trace_id "
                + "where r.snapshot_id = " + checkpoint + " and r.allocated_size = 4000 and b.function_name = 'allocdemo::allocate_kept' "
                + "and not b.is_allocator"));
        List<List<Object>> grown = rows(connection, "select b.function_name, b.is_allocator from memory_regions r join heap_backtraces b "
                + "on b.trace_id = r.trace_id where r.snapshot_id = " + checkpoint + " and r.allocated_size = 131072 order by b.frame_index");
        int site = grown.indexOf(List.of("allocdemo::grow_by_push", false));
        assertTrue(site > 0 && grown.subList(0, site).stream().allMatch(f -> (Boolean) f.get(1))
                && grown.subList(0, site).stream().anyMatch(f -> f.get(0).toString().endsWith("::finish_grow")), grown.toString());
        assertEquals(1, number("select count(*) from memory_regions r join heap_backtraces b on b.trace_id = r.trace_id where r.snapshot_id = "
                + checkpoint + " and r.allocated_size = 131072 and b.is_inlined and b.is_allocator and b.function_name like 'alloc::vec::Vec<%>::push'"));
        assertEquals(0, allocatorOf(connection).getAllocatedMemory());
    }

    @Test
    void churnIsStreamedToAFileInTheCacheDirectoryDeletedOnClose() throws Exception {
        List<Path> before = recordingFiles();
        List<Path> during;
        try (Connection c = DriverManager.getConnection(RustbinDriver.PREFIX, properties(Corpus.fixture("allocdemo"), "churn", "2000"))) {
            // Block i has 16 << (i % 13) bytes: 153 of the 2,000 have 64 KiB, and every block is freed by the end.
            assertEquals(List.of(List.of("alloc", 153L), List.of("free", 153L)), rows(c, "select kind, count(*) from allocation_events "
                    + "where size = 65536 group by kind order by kind").stream()
                    .map(r -> List.<Object>of(r.get(0), ((Number) r.get(1)).longValue())).toList());
            during = recordingFiles();
            during.removeAll(before);
            assertEquals(1, during.size(), during.toString());
        }
        assertFalse(Files.exists(during.get(0)), during.toString());
    }

    private static List<Path> recordingFiles() throws IOException {
        try (Stream<Path> files = Files.list(RustbinDirectories.allocations())) {
            return new ArrayList<>(files.filter(f -> f.toString().endsWith(".arrow")).toList());
        }
    }

    @Test
    void aMissingPreloadLibrarySaysHowToInstallHeaptrack() {
        Properties p = properties(Corpus.fixture("allocdemo"), "sites");
        p.setProperty("heaptrack_preload", dir.resolve("no/libheaptrack_preload.so").toString());
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(RustbinDriver.PREFIX, p).close());
        assertEquals("rustbin: allocation tracking needs heaptrack's libheaptrack_preload.so, and " + dir.resolve("no/libheaptrack_preload.so")
                + " does not exist: install heaptrack (apt-get install heaptrack, dnf install heaptrack) or name the library with the "
                + "heaptrack_preload property", e.getMessage());
    }
}
