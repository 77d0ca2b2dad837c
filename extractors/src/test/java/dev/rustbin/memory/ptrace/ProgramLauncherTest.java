package dev.rustbin.memory.ptrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.memory.MemoryMapping;
import dev.rustbin.memory.ProcessSnapshot;
import dev.rustbin.memory.SnapshotException;
import dev.rustbin.memory.ThreadState;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramLauncherTest {

    /** What a test keeps of a snapshot after closing it. */
    record Seen(String trigger, long timestamp, long capturedBytes, List<ThreadState> threads, String detail, long exeBase,
                byte firstByteAtPc) {
    }

    @TempDir
    Path dir;

    @Test
    void timerSnapshotsFollowTheHeapAsItGrows() throws Exception {
        Path output = dir.resolve("out");
        List<Seen> seen = launch(LaunchOptions.of(Corpus.fixture("memdemo"), List.of("grow", "10")).every(Duration.ofMillis(100))
                .output(output), 0);
        assertEquals(List.of("grew 10 MiB"), Files.readAllLines(output));
        List<Seen> timers = seen.stream().filter(s -> s.trigger().equals("timer")).toList();
        assertTrue(timers.size() >= 3, "several timer snapshots: " + seen.size());
        for (int i = 1; i < timers.size(); i++) {
            assertTrue(timers.get(i).timestamp() > timers.get(i - 1).timestamp());
            assertTrue(timers.get(i).capturedBytes() >= timers.get(i - 1).capturedBytes(), "the heap only grows");
        }
        assertTrue(timers.get(timers.size() - 1).capturedBytes() - timers.get(0).capturedBytes() >= 2 << 20,
                "at least two more 1 MiB blocks between the first and last timer snapshot");
        Seen exit = seen.get(seen.size() - 1);
        assertEquals("exit", exit.trigger());
        assertEquals(1, seen.stream().filter(s -> s.trigger().equals("exit")).count());
        // grow() has returned and dropped its blocks (munmapped) by the time the process exits.
        assertTrue(exit.capturedBytes() < timers.get(timers.size() - 1).capturedBytes(), "the blocks are freed at exit");
        assertEquals(1, exit.threads().size());
    }

    @Test
    void aBreakpointStopsAtTheFunctionEachTimeUpToItsLimit() throws Exception {
        Path memdemo = Corpus.fixture("memdemo");
        long staticAddress = nmAddress(memdemo, "memdemo_checkpoint");
        Path output = dir.resolve("out");
        List<Seen> seen = launch(LaunchOptions.of(memdemo, List.of("grow", "5")).at("memdemo_checkpoint", 3).output(output), 0);
        assertEquals(List.of("grew 5 MiB"), Files.readAllLines(output));
        List<Seen> hits = seen.stream().filter(s -> s.trigger().equals("breakpoint")).toList();
        assertEquals(3, hits.size());
        for (int round = 0; round < 3; round++) {
            Seen hit = hits.get(round);
            ThreadState main = hit.threads().get(0);
            assertEquals(staticAddress + hit.exeBase(), main.pc(), "stopped at the function's runtime address (a PIE: base + nm's address)");
            assertEquals(round, main.registers()[main.layout().indexOf("rdi")], "the round passed as the first argument");
            assertEquals("memdemo_checkpoint", hit.detail());
            assertNotEquals((byte) 0xcc, hit.firstByteAtPc(), "the snapshot shows the program's code, not the breakpoint");
        }
        assertEquals("exit", seen.get(seen.size() - 1).trigger());
    }

    @Test
    void aBreakpointInAWorkerThreadFreezesEveryThread() throws Exception {
        Path memdemo = Corpus.fixture("memdemo");
        long staticAddress = nmAddress(memdemo, "memdemo_park_beta");
        Path output = dir.resolve("out");
        // Stdin at its end: the program goes on at once from its park, so it runs through and says done.
        List<Seen> seen = launch(LaunchOptions.of(memdemo, List.of("park")).at("memdemo_park_beta", 1).input(Path.of("/dev/null"))
                .output(output), 0);
        assertTrue(Files.readAllLines(output).stream().anyMatch(l -> l.startsWith("done 8 4")), Files.readAllLines(output).toString());
        List<Seen> hits = seen.stream().filter(s -> s.trigger().equals("breakpoint")).toList();
        assertEquals(1, hits.size());
        List<ThreadState> threads = hits.get(0).threads();
        assertEquals(List.of("memdemo", "memdemo-alpha", "memdemo-beta"), threads.stream().map(ThreadState::name).toList());
        assertEquals(List.of("memdemo-beta"), threads.stream().filter(t -> t.pc() == staticAddress + hits.get(0).exeBase())
                .map(ThreadState::name).toList(), "the worker stopped at the function, the others frozen elsewhere");
    }

    @Test
    void aRustFunctionCanBeNamedByItsPath() throws Exception {
        Path memdemo = Corpus.fixture("memdemo");
        List<String> mangled = Tools.run(List.of("nm", memdemo.toString())).lines().toList();
        List<String> demangled = Tools.run(List.of("nm", "-C", memdemo.toString())).lines().toList();
        long staticAddress = Long.parseUnsignedLong(mangled.get(demangled.indexOf(demangled.stream()
                .filter(l -> l.endsWith(" t memdemo::main")).findFirst().orElseThrow())).split(" ")[0], 16);
        List<Seen> seen = launch(LaunchOptions.of(memdemo, List.of("grow", "1")).at("memdemo::main", 1).output(dir.resolve("out")), 0);
        List<Seen> hits = seen.stream().filter(s -> s.trigger().equals("breakpoint")).toList();
        assertEquals(1, hits.size());
        assertEquals(staticAddress + hits.get(0).exeBase(), hits.get(0).threads().get(0).pc());
    }

    @Test
    void anUnknownSymbolNamesTheSymbolAndTheBinary() throws Exception {
        Path memdemo = Corpus.fixture("memdemo");
        SnapshotException e = assertThrows(SnapshotException.class, () -> ProgramLauncher.run(
                LaunchOptions.of(memdemo, List.of("grow", "1")).at("memdemo_nowhere", 1), dir, s -> { }));
        assertEquals("memdemo_nowhere: no function of that name in " + memdemo.toRealPath(), e.getMessage());
    }

    @Test
    void aProgramThatForksRunsToItsEndAndReportsItsStatus() throws Exception {
        Path output = dir.resolve("out");
        List<Seen> seen = launch(LaunchOptions.of(Path.of("sh"), List.of("-c", "echo one; /bin/echo two; (exit 4); exit 3")).output(output), 3);
        assertEquals(List.of("one", "two"), Files.readAllLines(output));
        assertEquals(List.of("exit"), seen.stream().map(Seen::trigger).toList());
    }

    @Test
    void forkedAndSpawnedChildrenRunWithoutTheParentsBreakpoint() throws Exception {
        Path source = Corpus.fixtures().resolve("../../c/forkdemo.c").normalize();
        Path binary = dir.resolve("forkdemo");
        Tools.run(List.of("gcc", "-O1", "-o", binary.toString(), source.toString()));
        Path output = dir.resolve("out");
        List<Seen> seen = launch(LaunchOptions.of(binary, List.of()).at("forkdemo_mark", 10).output(output), 0);
        assertEquals(List.of("child 11", "parent 6 child 0 spawned 0"), Files.readAllLines(output));
        List<Seen> hits = seen.stream().filter(s -> s.trigger().equals("breakpoint")).toList();
        assertEquals(3, hits.size(), "the parent's calls only");
        for (int round = 0; round < 3; round++) {
            ThreadState main = hits.get(round).threads().get(0);
            assertEquals(round, main.registers()[main.layout().indexOf("rdi")]);
        }
    }

    /** Runs the program to its end, checks its exit status, and returns what each snapshot showed. */
    private List<Seen> launch(LaunchOptions options, int expectedStatus) {
        List<Seen> seen = new ArrayList<>();
        assertEquals(expectedStatus, ProgramLauncher.run(options, dir.resolve("spill"), s -> seen.add(keep(s))));
        return seen;
    }

    private static long nmAddress(Path binary, String symbol) {
        return Long.parseUnsignedLong(Tools.run(List.of("nm", binary.toString())).lines()
                .filter(l -> l.endsWith(" T " + symbol)).findFirst().orElseThrow().split(" ")[0], 16);
    }

    private static Seen keep(ProcessSnapshot s) {
        try (s) {
            assertEquals("launch", s.source());
            long base = s.mappings().stream().filter(m -> m.name().equals(s.executable().toString()) && m.fileOffset() == 0)
                    .mapToLong(MemoryMapping::start).findFirst().orElseThrow();
            byte[] first = new byte[1];
            s.memory().read(s.threads().get(0).pc(), first, 0, 1);
            return new Seen(s.trigger(), s.timestampNanos(), s.capturedBytes(), s.threads(), s.detail(), base, first[0]);
        }
    }
}
