package dev.rustbin.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The memdemo fixture running in "park" mode: its threads wait in known functions, and what it
 * printed (pid, addresses and sizes of live strings, the large buffer) is what tests compare with.
 * It is started through a shell that exits at once, so this JVM is not its parent: the JVM's
 * process reaper then never competes with a tracer for its wait events. Stdin is a FIFO this
 * object holds; {@link #release()} lets the program finish.
 */
public final class ParkedMemdemo implements AutoCloseable {

    /** A string the program keeps alive: where its bytes are and the capacity it asked malloc for. */
    public record LiveString(long address, long capacity, String text) {
    }

    private final Path dir;
    private final Path output;
    private final long pid;
    private OutputStream stdin;

    private ParkedMemdemo(Path dir, Path output, long pid, OutputStream stdin) {
        this.dir = dir;
        this.output = output;
        this.pid = pid;
        this.stdin = stdin;
    }

    public static ParkedMemdemo start() {
        return start(Map.of());
    }

    /** Starts it with extra environment variables (LD_PRELOAD of another allocator, say). */
    public static ParkedMemdemo start(Map<String, String> environment) {
        return start(environment, "park");
    }

    /**
     * Starts another mode that also prints "ready" and waits for stdin to close ("spread 700": a
     * thread holding 700 blocks of 100 KiB from its own arena, printed as {@link #spreadBlocks}).
     */
    public static ParkedMemdemo start(Map<String, String> environment, String mode) {
        try {
            Path dir = Files.createTempDirectory("rustbin-memdemo");
            Path fifo = dir.resolve("stdin");
            Path output = dir.resolve("stdout");
            Tools.run(List.of("mkfifo", fifo.toString()));
            StringBuilder env = new StringBuilder();
            environment.forEach((k, v) -> env.append(k).append("='").append(v).append("' "));
            String script = "exec env " + env + "'" + Corpus.fixture("memdemo") + "' " + mode + " < '" + fifo + "' > '" + output + "' 2>&1";
            Process shell = new ProcessBuilder("bash", "-c", "bash -c \"$0\" >/dev/null 2>&1 & echo $!", script)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String pidText = new String(shell.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            shell.waitFor();
            OutputStream stdin = Files.newOutputStream(fifo);
            ParkedMemdemo demo = new ParkedMemdemo(dir, output, Long.parseLong(pidText), stdin);
            demo.awaitLine("ready");
            return demo;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start memdemo", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public long pid() {
        return pid;
    }

    public Path executable() {
        return Corpus.fixture("memdemo");
    }

    public List<String> lines() {
        if (!Files.exists(output)) {
            return List.of(); // the shell has not opened it yet
        }
        try {
            // The shell creates the file only after a writer opened the FIFO.
            return Files.exists(output) ? Files.readAllLines(output) : List.of();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String field(String key) {
        return lines().stream().filter(l -> l.startsWith(key + " ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("memdemo printed no '" + key + "' line: " + lines()))
                .substring(key.length() + 1);
    }

    public long counter() {
        return Long.parseLong(field("counter"));
    }

    /** Address of the MEMDEMO_MAGIC static at run time. */
    public long magicAddress() {
        String[] parts = field("magic").split(" ");
        return Long.parseUnsignedLong(parts[2].substring(2), 16);
    }

    public List<LiveString> liveStrings() {
        List<LiveString> live = new ArrayList<>();
        for (String line : lines()) {
            if (line.startsWith("live ")) {
                String[] parts = line.split(" ", 4);
                live.add(new LiveString(Long.parseUnsignedLong(parts[1].substring(2), 16), Long.parseLong(parts[2]), parts[3]));
            }
        }
        return live;
    }

    /** Address and length of the 3 MiB buffer (a chunk mmapped on its own). */
    public long[] large() {
        return addressAndLength("large");
    }

    /** Address and length of the 1 MiB page-aligned buffer (posix_memalign, mmapped on its own). */
    public long[] aligned() {
        return addressAndLength("aligned");
    }

    /** In "spread" mode: the block size, then the address of each block. */
    public long[] spreadBlocks() {
        String[] parts = field("spread").split(" ");
        String[] addresses = parts[1].split(",");
        long[] values = new long[addresses.length + 1];
        values[0] = Long.parseLong(parts[0]);
        for (int i = 0; i < addresses.length; i++) {
            values[i + 1] = Long.parseUnsignedLong(addresses[i].substring(2), 16);
        }
        return values;
    }

    /** Address and length of the block freed last, when its tcache bin was full (so it went to a bin). */
    public long[] binnedBlock() {
        return addressAndLength("binned");
    }

    private long[] addressAndLength(String key) {
        String[] parts = field(key).split(" ");
        return new long[] {Long.parseUnsignedLong(parts[0].substring(2), 16), Long.parseLong(parts[1])};
    }

    /** The strings the alpha thread holds (allocated in its own arena): address and capacity. */
    public List<long[]> alphaStrings() {
        List<long[]> held = new ArrayList<>();
        for (String item : field("alpha holds").split(",")) {
            String[] parts = item.split(":");
            held.add(new long[] {Long.parseUnsignedLong(parts[0].substring(2), 16), Long.parseLong(parts[1])});
        }
        return held;
    }

    /** Writes a core with gdb's gcore into {@code dir} and returns its path. */
    public Path gcore(Path dir) {
        Path prefix = dir.resolve("memdemo");
        Tools.run(List.of("gcore", "-o", prefix.toString(), Long.toString(pid)));
        return dir.resolve("memdemo." + pid);
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
        throw new IllegalStateException("memdemo did not print '" + prefix + "': " + lines());
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
