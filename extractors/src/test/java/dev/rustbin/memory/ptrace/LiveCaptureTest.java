package dev.rustbin.memory.ptrace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.memory.MemoryMapping;
import dev.rustbin.memory.ProcessSnapshot;
import dev.rustbin.memory.SnapshotException;
import dev.rustbin.memory.ThreadState;
import dev.rustbin.memory.core.CoreFileReader;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.ParkedMemdemo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveCaptureTest {

    @TempDir
    Path dir;

    @Test
    void liveSnapshotOfParkedMemdemoMatchesProcAndLeavesItRunning() throws Exception {
        Path spill = dir.resolve("spill");
        try (ParkedMemdemo demo = ParkedMemdemo.start()) {
            List<String> tasks = taskIds(demo.pid());
            List<String> mapsLines = Files.readAllLines(Path.of("/proc", Long.toString(demo.pid()), "maps"));
            ProcessSnapshot snapshot = LiveCapture.capture(demo.pid(), spill, "manual");
            try (snapshot) {
                assertEquals("live", snapshot.source());
                assertEquals("manual", snapshot.trigger());
                assertEquals(0, snapshot.id());
                assertEquals(demo.pid(), snapshot.pid());
                assertEquals(demo.executable().toRealPath(), snapshot.executable());
                assertEquals(tasks, snapshot.threads().stream().map(t -> Long.toString(t.tid())).toList());
                assertEquals(List.of("memdemo", "memdemo-alpha", "memdemo-beta"),
                        snapshot.threads().stream().map(ThreadState::name).toList());
                assertEquals(mapsLines.stream().map(LiveCaptureTest::rangeAndPermissions).toList(),
                        snapshot.mappings().stream().map(m -> Long.toHexString(m.start()) + "-" + Long.toHexString(m.end())
                                + " " + m.permissions()).toList());
                for (ThreadState t : snapshot.threads()) {
                    MemoryMapping code = snapshot.mappingAt(t.pc());
                    assertTrue(code != null && code.executable()
                            && (code.name().equals(snapshot.executable().toString()) || code.name().contains("/libc.so")), t + " in " + code);
                }
                assertEquals(0x6d656d64656d6f21L, snapshot.memory().readU64(demo.magicAddress()).orElseThrow());
                for (ParkedMemdemo.LiveString s : demo.liveStrings()) {
                    byte[] text = new byte[s.text().length()];
                    assertTrue(snapshot.memory().read(s.address(), text, 0, text.length), s.toString());
                    assertEquals(s.text(), new String(text));
                }
                long[] large = demo.large();
                byte[] ends = new byte[2];
                assertTrue(snapshot.memory().read(large[0], ends, 0, 1));
                assertTrue(snapshot.memory().read(large[0] + large[1] - 1, ends, 1, 1));
                assertArrayEquals(new byte[] {(byte) 0xa5, (byte) 0xa5}, ends);
                long phdr = snapshot.auxv().get(ProcessSnapshot.AT_PHDR);
                assertEquals(snapshot.executable().toString(), snapshot.mappingAt(phdr).name());
                assertTrue(snapshot.mappings().stream().filter(m -> m.name().equals("[vvar]"))
                        .noneMatch(m -> snapshot.memory().contains(m.start(), 1)), "[vvar] is not readable and not captured");
                try (var left = Files.list(spill)) {
                    assertEquals(0, left.count(), "the spill file is unlinked at once");
                }
                assertEquals("0", ProcFiles.status(demo.pid(), "TracerPid"));
                assertTrue(!ProcFiles.status(demo.pid(), "State").startsWith("t"), "resumed");
                // gdb's view of the same threads: the two blocked in system calls are stopped on the same instruction.
                try (ProcessSnapshot core = CoreFileReader.read(demo.gcore(dir))) {
                    Map<Long, Long> gdbPcs = core.threads().stream().collect(Collectors.toMap(ThreadState::tid, ThreadState::pc));
                    for (ThreadState t : snapshot.threads().subList(0, 2)) {
                        assertEquals(gdbPcs.get(t.tid()), t.pc(), "pc of " + t.name());
                        assertArrayEquals(Arrays.copyOfRange(core.threads().stream().filter(c -> c.tid() == t.tid()).findFirst()
                                .orElseThrow().registers(), 0, 15), Arrays.copyOfRange(t.registers(), 0, 15), "registers of " + t.name());
                    }
                }
            }
            assertTrue(demo.release().stream().anyMatch(l -> l.startsWith("done 8 4")), "the program finished after the snapshot");
        }
    }

    @Test
    void aProcessThatDoesNotExistIsAClearError() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        SnapshotException e = assertThrows(SnapshotException.class, () -> LiveCapture.capture(gone.pid(), dir, "manual"));
        assertEquals("pid " + gone.pid() + ": no such process", e.getMessage());
    }

    @Test
    void aProcessAnotherDebuggerHoldsIsRefusedWithTheTracerNamed() throws Exception {
        try (ParkedMemdemo demo = ParkedMemdemo.start()) {
            Process gdb = new ProcessBuilder("gdb", "-batch", "-nx", "-p", Long.toString(demo.pid()), "-ex", "shell sleep 2")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                String tracer = "0";
                for (int i = 0; i < 3000 && "0".equals(tracer); i++) {
                    Thread.sleep(10);
                    tracer = ProcFiles.status(demo.pid(), "TracerPid");
                }
                assertEquals(Long.toString(gdb.pid()), tracer);
                SnapshotException e = assertThrows(SnapshotException.class, () -> LiveCapture.capture(demo.pid(), dir, "manual"));
                assertEquals("pid " + demo.pid() + " (memdemo): cannot trace it: it is already traced by pid " + gdb.pid()
                        + " (gdb); a process has one tracer at a time", e.getMessage());
            } finally {
                gdb.waitFor();
            }
            assertTrue(demo.release().stream().anyMatch(l -> l.startsWith("done 8 4")));
        }
    }

    @Test
    void aProcessThatExitsWhileBeingCapturedFailsWithAClearMessage() throws Exception {
        // Started through a shell that exits at once, so this JVM (whose reaper would take ptrace stops) is not its parent.
        Process shell = new ProcessBuilder("sh", "-c", "'" + Corpus.fixture("memdemo") + "' grow 4 >/dev/null 2>&1 & echo $!")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long pid = Long.parseLong(new String(shell.getInputStream().readAllBytes()).strip());
        shell.waitFor();
        List<String> expected = List.of("pid " + pid + " exited during the snapshot", "pid " + pid + ": no such process",
                "pid " + pid + " has exited (a zombie its parent has not reaped)");
        int captured = 0;
        boolean gone = false;
        for (int i = 0; i < 100_000 && !gone; i++) {
            try (ProcessSnapshot snapshot = LiveCapture.capture(pid, dir, "manual")) {
                assertEquals(1, snapshot.threads().size());
                captured++;
            } catch (SnapshotException e) {
                assertTrue(expected.contains(e.getMessage()), e.getMessage());
                gone = e.getMessage().equals(expected.get(1));
            }
        }
        assertTrue(captured > 0 && gone, captured + " snapshots, then gone: " + gone);
    }

    @Test
    void aChildOfThisJvmIsRefusedRatherThanRacedWithTheProcessReaper() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            SnapshotException e = assertThrows(SnapshotException.class, () -> LiveCapture.capture(child.pid(), dir, "manual"));
            assertTrue(e.getMessage().startsWith("pid " + child.pid() + " is a child of this JVM"), e.getMessage());
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    private static List<String> taskIds(long pid) throws Exception {
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.map(p -> p.getFileName().toString()).sorted((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b))).toList();
        }
    }

    private static String rangeAndPermissions(String mapsLine) {
        String[] f = mapsLine.split("\\s+");
        return f[0].replaceFirst("^0+(?=[0-9a-f])", "").replaceFirst("-0+(?=[0-9a-f])", "-") + " " + f[1];
    }
}
