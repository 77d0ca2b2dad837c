package dev.rustbin.memory.ptrace;

import dev.rustbin.memory.ProcessSnapshot;
import java.nio.file.Path;

/**
 * Takes live snapshots of a pid from the command line, for the SIGKILL test (a JVM killed while
 * capturing) and bench/snapshot.sh: {@code CaptureMain PID SPILL_DIR COUNT} (COUNT 0: until killed).
 */
public final class CaptureMain {

    private CaptureMain() {
    }

    public static void main(String[] args) {
        long pid = Long.parseLong(args[0]);
        Path spill = Path.of(args[1]);
        long count = Long.parseLong(args[2]);
        for (long i = 0; count == 0 || i < count; i++) {
            long start = System.nanoTime();
            try (ProcessSnapshot snapshot = LiveCapture.capture(pid, spill, "manual")) {
                System.out.printf("captured %d bytes of %d threads in %.1f ms%n", snapshot.capturedBytes(), snapshot.threads().size(),
                        (System.nanoTime() - start) / 1e6);
                System.out.flush();
            }
        }
    }
}
