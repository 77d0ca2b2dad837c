package dev.rustbin.memory.ptrace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs a program under {@link ProgramLauncher} with timer snapshots, for the SIGKILL test:
 * {@code LaunchMain SPILL_DIR OUTPUT EVERY_MS PROGRAM ARGS...}; prints "snapshot PID" for each.
 */
public final class LaunchMain {

    private LaunchMain() {
    }

    public static void main(String[] args) {
        LaunchOptions options = LaunchOptions.of(Path.of(args[3]), List.of(args).subList(4, args.length))
                .every(Duration.ofMillis(Long.parseLong(args[2]))).output(Path.of(args[1]));
        int status = ProgramLauncher.run(options, Path.of(args[0]), snapshot -> {
            try (snapshot) {
                System.out.println("snapshot " + snapshot.pid());
                System.out.flush();
            }
        });
        System.out.println("status " + status);
    }
}
