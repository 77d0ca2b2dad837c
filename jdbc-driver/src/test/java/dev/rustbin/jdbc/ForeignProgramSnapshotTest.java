package dev.rustbin.jdbc;

import static dev.rustbin.jdbc.SqlResults.rows;
import static dev.rustbin.jdbc.SqlResults.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.ProcessStates;
import dev.rustbin.testing.Tools;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory tables on a real Rust program this project did not build: rustc (which allocates with
 * jemalloc), blocked reading its source from stdin.
 */
class ForeignProgramSnapshotTest {

    @TempDir
    Path dir;

    @Test
    void rustcBlockedOnStdinHasItsThreadsStacksAndHeap() throws Exception {
        Path rustc = Corpus.sysroot().resolve("bin/rustc");
        Process process = new ProcessBuilder(rustc.toString(), "-", "--crate-type", "lib", "--emit", "metadata",
                "--out-dir", dir.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("rustc.out").toFile()).start();
        try {
            ProcessStates.awaitReadingStdin(process.pid());
            Tools.run(List.of("gcore", "-o", dir.resolve("rustc").toString(), Long.toString(process.pid())));
            Path core = dir.resolve("rustc." + process.pid());
            Properties p = new Properties();
            p.setProperty("core", core.toString());
            try (Connection c = DriverManager.getConnection(RustbinDriver.PREFIX, p)) {
                long coreThreads = ((Number) single(c, "select threads from memory_snapshots")).longValue();
                assertTrue(coreThreads >= 2, "threads " + coreThreads);
                assertEquals(coreThreads, ((Number) single(c, "select count(distinct thread_id) from memory_regions "
                        + "where region_kind = 'frame'")).longValue());
                assertTrue(((Number) single(c, "select count(*) from memory_regions where region_kind = 'frame' "
                        + "and crate_name = 'rustc_driver_impl'")).longValue() > 0);
                // rustc links jemalloc: its heap gets a note and no chunks, never glibc chunks read from jemalloc's memory.
                String method = (String) single(c, "select heap_method from memory_snapshots");
                assertTrue(method.contains("jemalloc") && method.contains("not listed"), method);
                assertEquals(0L, ((Number) single(c, "select heap_chunks from memory_snapshots")).longValue());
                assertEquals(0L, ((Number) single(c, "select count(*) from memory_regions where region_kind = 'chunk'")).longValue());
                assertEquals(Arrays.asList(null, null), rows(c, "select unreachable_chunks, unreachable_bytes from memory_snapshots").get(0),
                        "no leak totals without chunks");
                assertEquals(0L, ((Number) single(c, "select count(*) from heap_references")).longValue());
                long loads = Tools.run(List.of("readelf", "-lW", core.toString())).lines().filter(l -> l.strip().startsWith("LOAD")).count();
                assertTrue(((Number) single(c, "select count(*) from memory_mappings")).longValue() >= loads);
            }
        } finally {
            process.getOutputStream().close();
            process.waitFor();
        }
    }
}
