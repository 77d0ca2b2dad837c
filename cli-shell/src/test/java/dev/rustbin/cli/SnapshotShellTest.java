package dev.rustbin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.ParkedMemdemo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot options of the command line: --core, and the errors of run. */
class SnapshotShellTest {

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new RustbinShell(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args, null, false);
        return new String[] {Integer.toString(status), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void coreAloneNamesItsProgram(@TempDir Path dir) {
        try (ParkedMemdemo demo = ParkedMemdemo.start()) {
            Path core = demo.gcore(dir);
            String[] o = run("--core", core.toString(), "-f", "csv", "-e", "select source, pid, threads from memory_snapshots");
            assertEquals("0", o[0], o[2]);
            assertEquals("source,pid,threads\ncore," + demo.pid() + ",3\n", o[1]);
            demo.release();
        }
    }

    @Test
    void pidSnapshotsARunningProcess() {
        try (ParkedMemdemo demo = ParkedMemdemo.start()) {
            String[] o = run("--pid", Long.toString(demo.pid()), "-f", "csv", "-e",
                    "select source, threads, snapshot_trigger from memory_snapshots");
            assertEquals("0", o[0], o[2]);
            assertEquals("source,threads,snapshot_trigger\nlive,3,manual\n", o[1]);
            assertTrue(demo.release().stream().anyMatch(l -> l.startsWith("done")));
        }
    }

    @Test
    void runLaunchesTheProgramAndQueriesItsSnapshots(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.txt");
        String[] o = run("run", "--at", "memdemo_checkpoint:2", "--set", "launch_output=" + out, "-f", "csv", "-e",
                "select snapshot_trigger, count(*) as n from memory_snapshots group by snapshot_trigger order by 1",
                "--", dev.rustbin.testing.Corpus.fixture("memdemo").toString(), "grow", "3");
        assertEquals("0", o[0], o[2]);
        assertEquals("snapshot_trigger,n\nbreakpoint,2\nexit,1\n", o[1]);
        assertEquals(java.util.List.of("grew 3 MiB"), java.nio.file.Files.readAllLines(out));
    }

    @Test
    void runTracksAllocationsWhenAsked(@TempDir Path dir) {
        // churn 1000: block i has 16 << (i % 13) bytes, so 76 blocks of 64 KiB, all freed by the exit.
        String[] o = run("run", "--track-allocations", "--set", "launch_output=" + dir.resolve("out.txt"), "-f", "csv", "-e",
                "select kind, count(*) as n from allocation_events where size = 65536 group by kind order by 1",
                "--", dev.rustbin.testing.Corpus.fixture("allocdemo").toString(), "churn", "1000");
        assertEquals("0", o[0], o[2]);
        assertEquals("kind,n\nalloc,76\nfree,76\n", o[1]);
        String[] misplaced = run("--track-allocations", "-e", "select 1");
        assertEquals("2", misplaced[0]);
        assertTrue(misplaced[2].startsWith("rustbin: --track-allocations is an option of 'rustbin run'"), misplaced[2]);
    }

    @Test
    void aBadCoreIsOneLineNamingIt(@TempDir Path dir) throws Exception {
        Path empty = java.nio.file.Files.createFile(dir.resolve("empty.core"));
        String[] o = run("--core", empty.toString(), "-e", "select 1");
        assertEquals("1", o[0]);
        assertEquals("rustbin: " + empty + ": core is truncated: ELF header at offset 0 (+64) lies past the end (0 bytes)\n", o[2]);
    }

    @Test
    void runNeedsAProgramAndItsOptionsBelongToRun() {
        String[] noProgram = run("run", "--every", "100ms");
        assertEquals("2", noProgram[0]);
        assertTrue(noProgram[2].startsWith("rustbin: rustbin run needs a program"), noProgram[2]);
        String[] misplaced = run("--every", "100ms", "-e", "select 1");
        assertEquals("2", misplaced[0]);
        assertTrue(misplaced[2].startsWith("rustbin: --every is an option of 'rustbin run'"), misplaced[2]);
    }
}
