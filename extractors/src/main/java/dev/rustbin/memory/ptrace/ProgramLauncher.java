package dev.rustbin.memory.ptrace;

import dev.rustbin.memory.ProcessSnapshot;
import dev.rustbin.memory.SnapshotException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Runs a program under ptrace until it exits, handing each snapshot to a callback as it is taken:
 * on a timer ({@link LaunchOptions#every()}), at a function's entry ({@link LaunchOptions#atSymbol()},
 * up to {@link LaunchOptions#atMaxHits()} times) and once when it exits, before it is reaped.
 */
public final class ProgramLauncher {

    private ProgramLauncher() {
    }

    /**
     * @param spillDirectory rustbin's cache directory for the snapshots' spill files
     * @param onSnapshot     receives each snapshot (source "launch", id 0) and owns it from then on; it
     *                       runs on the tracer thread while the program runs on, so it should be quick
     * @return the program's exit status, or 128 + the signal that killed it
     * @throws SnapshotException naming the program: not found, unknown symbol, tracing refused
     */
    public static int run(LaunchOptions options, Path spillDirectory, Consumer<ProcessSnapshot> onSnapshot) {
        return run(options, spillDirectory, onSnapshot, pid -> {
        });
    }

    /**
     * As {@link #run(LaunchOptions, Path, Consumer)}, and {@code beforeCapture} runs with every thread
     * of the program stopped right before each snapshot is taken (the snapshots arrive in the same order).
     */
    public static int run(LaunchOptions options, Path spillDirectory, Consumer<ProcessSnapshot> onSnapshot, IntConsumer beforeCapture) {
        Path program = locate(options.program());
        LaunchOptions located = options.program(program);
        BreakpointSite site = options.atSymbol() == null ? null : BreakpointSite.of(realPath(program), options.atSymbol());
        return TracerThread.call("rustbin-launch-" + program.getFileName(),
                () -> new LaunchSession(new Tracer(), located, site, spillDirectory, onSnapshot, beforeCapture).run());
    }

    /** The program as given when it names a path, else the first match on PATH, as the shell would find it. */
    private static Path locate(Path program) {
        if (program.toString().contains("/")) {
            if (!Files.isRegularFile(program) || !Files.isExecutable(program)) {
                throw new SnapshotException(program + ": no such executable file");
            }
            return program.toAbsolutePath();
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new SnapshotException(program + ": not found on PATH");
    }

    private static Path realPath(Path program) {
        try {
            return program.toRealPath();
        } catch (IOException e) {
            throw new SnapshotException(program + ": cannot resolve (" + e.getMessage() + ")", e);
        }
    }
}
