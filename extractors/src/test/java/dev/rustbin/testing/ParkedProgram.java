package dev.rustbin.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A corpus fixture started in a mode that prints "ready" and then waits for stdin to close (memdemo
 * park, allocdemo sites, ...); what it printed is what tests compare with. It is started through a
 * shell that exits at once, so this JVM is not its parent: the JVM's process reaper then never
 * competes with a tracer for its wait events. Stdin is a FIFO this object holds; {@link #release()}
 * lets the program finish.
 */
public final class ParkedProgram implements AutoCloseable {

    private final String fixture;
    private final Path dir;
    private final Path output;
    private final long pid;
    private OutputStream stdin;

    private ParkedProgram(String fixture, Path dir, Path output, long pid, OutputStream stdin) {
        this.fixture = fixture;
        this.dir = dir;
        this.output = output;
        this.pid = pid;
        this.stdin = stdin;
    }

    /** Starts {@code fixture} with extra environment variables and its arguments, and waits until it prints "ready". */
    public static ParkedProgram start(String fixture, Map<String, String> environment, String arguments) {
        try {
            Path dir = Files.createTempDirectory("rustbin-" + fixture);
            Path fifo = dir.resolve("stdin");
            Path output = dir.resolve("stdout");
            Tools.run(List.of("mkfifo", fifo.toString()));
            StringBuilder env = new StringBuilder();
            environment.forEach((k, v) -> env.append(k).append("='").append(v).append("' "));
            String script = "exec env " + env + "'" + Corpus.fixture(fixture) + "' " + arguments + " < '" + fifo + "' > '" + output + "' 2>&1";
            Process shell = new ProcessBuilder("bash", "-c", "bash -c \"$0\" >/dev/null 2>&1 & echo $!", script)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String pidText = new String(shell.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            shell.waitFor();
            OutputStream stdin = Files.newOutputStream(fifo);
            ParkedProgram program = new ParkedProgram(fixture, dir, output, Long.parseLong(pidText), stdin);
            program.awaitLine("ready");
            return program;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + fixture, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public long pid() {
        return pid;
    }

    public Path executable() {
        return Corpus.fixture(fixture);
    }

    public List<String> lines() {
        try {
            // The shell creates the file only after a writer opened the FIFO.
            return Files.exists(output) ? Files.readAllLines(output) : List.of();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What follows {@code key} and a space on the first line that starts so. */
    public String field(String key) {
        return lines().stream().filter(l -> l.startsWith(key + " ")).findFirst()
                .orElseThrow(() -> new IllegalStateException(fixture + " printed no '" + key + "' line: " + lines()))
                .substring(key.length() + 1);
    }

    /** Writes a core with gdb's gcore into {@code dir} and returns its path. */
    public Path gcore(Path dir) {
        Path prefix = dir.resolve(fixture);
        Tools.run(List.of("gcore", "-o", prefix.toString(), Long.toString(pid)));
        return dir.resolve(fixture + "." + pid);
    }

    public boolean isAlive() {
        return Files.exists(Path.of("/proc", Long.toString(pid)));
    }

    /** Lets the program finish and waits (bounded by polls) for it to print "done" and exit. */
    public List<String> release() {
        closeStdin();
        awaitLine("done");
        for (int i = 0; i < 3000 && isAlive() && !zombie(); i++) {
            sleep();
        }
        return lines();
    }

    private boolean zombie() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitLine(String prefix) {
        for (int i = 0; i < 3000; i++) {
            if (lines().stream().anyMatch(l -> l.startsWith(prefix))) {
                return;
            }
            if (!isAlive()) {
                break;
            }
            sleep();
        }
        throw new IllegalStateException(fixture + " did not print '" + prefix + "': " + lines());
    }

    private void closeStdin() {
        if (stdin != null) {
            try {
                stdin.close();
            } catch (IOException ignored) {
                // The program may have gone already.
            }
            stdin = null;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closeStdin();
        if (isAlive()) {
            Tools.run(List.of("kill", "-9", Long.toString(pid)));
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless.
        }
    }
}
