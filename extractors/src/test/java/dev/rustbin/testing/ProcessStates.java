package dev.rustbin.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Waits, bounded by a count of polls, for a process the test started to reach a known state. */
public final class ProcessStates {

    private ProcessStates() {
    }

    /** Returns once the process's main thread is blocked in read(0, ...) (its stdin), as /proc/PID/syscall shows. */
    public static void awaitReadingStdin(long pid) throws IOException, InterruptedException {
        Path syscall = Path.of("/proc", Long.toString(pid), "syscall");
        for (int i = 0; i < 6000; i++) {
            String now = Files.exists(syscall) ? Files.readString(syscall) : "";
            if (now.startsWith("0 0x0 ")) {
                return;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("process " + pid + " never blocked reading stdin");
    }
}
