package dev.rustbin.memory.ptrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.Corpus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM killed with SIGKILL while it traces a process (captured or launched): the kernel detaches,
 * the process runs to its end, no spill file is left.
 */
class KilledCaptureTest {

    @TempDir
    Path dir;

    @Test
    void killingTheCapturingJvmMidCaptureLeavesTheTargetRunning() throws Exception {
        Path output = dir.resolve("grow.out");
        Path spill = dir.resolve("spill");
        Process target = new ProcessBuilder(Corpus.fixture("memdemo").toString(), "grow", "160")
                .redirectOutput(output.toFile()).redirectErrorStream(true).start();
        Process capturer = null;
        try {
            capturer = childJvm(CaptureMain.class, Long.toString(target.pid()), spill.toString(), "0");
            BufferedReader lines = new BufferedReader(new InputStreamReader(capturer.getInputStream()));
            String first = lines.readLine();
            assertTrue(first != null && first.startsWith("captured "), "the child JVM captures: " + first);
            // Wait until the child JVM holds the target (it captures in a loop), then kill it there.
            // TracerPid names the tracer's thread; its Tgid is the JVM.
            String tracer = null;
            for (int i = 0; i < 100_000 && !Long.toString(capturer.pid()).equals(tracer); i++) {
                String thread = ProcFiles.status(target.pid(), "TracerPid");
                tracer = thread == null || thread.equals("0") ? null : ProcFiles.status(Long.parseLong(thread), "Tgid");
            }
            assertEquals(Long.toString(capturer.pid()), tracer, "the target is traced by the child JVM");
            capturer.destroyForcibly();
            capturer.waitFor();
            assertEquals(137, capturer.exitValue(), "killed by SIGKILL");
            assertTrue(target.isAlive(), "the target was still running when its tracer died");
            assertEquals("0", ProcFiles.status(target.pid(), "TracerPid"));
            assertTrue(target.waitFor(2, TimeUnit.MINUTES), "the target runs to its end");
            assertEquals(0, target.exitValue());
            assertEquals(List.of("grew 160 MiB"), Files.readAllLines(output));
            assertNoSpillFileIn(spill);
        } finally {
            if (capturer != null) {
                capturer.destroyForcibly();
            }
            target.destroyForcibly();
        }
    }

    @Test
    void killingTheLaunchingJvmLeavesTheLaunchedProgramRunningToItsEnd() throws Exception {
        Path output = dir.resolve("grow.out");
        Path spill = dir.resolve("spill");
        Process launcher = childJvm(LaunchMain.class, spill.toString(), output.toString(), "20", Corpus.fixture("memdemo").toString(), "grow", "60");
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(launcher.getInputStream()));
            String first = lines.readLine();
            assertTrue(first != null && first.startsWith("snapshot "), "the child JVM takes snapshots: " + first);
            long pid = Long.parseLong(first.substring("snapshot ".length()));
            lines.readLine();
            launcher.destroyForcibly();
            launcher.waitFor();
            assertEquals(137, launcher.exitValue(), "killed by SIGKILL");
            // No longer our grandchild's parent's child: wait for it through /proc (gone, or a zombie nobody reaps).
            Path proc = Path.of("/proc", Long.toString(pid));
            for (int i = 0; i < 12_000 && Files.exists(proc) && !"Z".equals(state(pid)); i++) {
                Thread.sleep(10);
            }
            assertTrue(!Files.exists(proc) || "Z".equals(state(pid)), "the program ended");
            assertEquals(List.of("grew 60 MiB"), Files.readAllLines(output), "and ran to its end");
            assertNoSpillFileIn(spill);
        } finally {
            launcher.destroyForcibly();
        }
    }

    private static Process childJvm(Class<?> main, String... args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classpath, main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String state(long pid) {
        String state = ProcFiles.status(pid, "State");
        return state == null ? null : state.substring(0, 1);
    }

    private static void assertNoSpillFileIn(Path spill) throws IOException {
        try (var left = Files.list(spill)) {
            assertEquals(0, left.count(), "the killed JVM's spill files were already unlinked");
        }
    }
}
