package dev.rustbin.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The memdemo fixture running in "park" mode (a {@link ParkedProgram}): its threads wait in known
 * functions, and what it printed (pid, addresses and sizes of live strings, the large buffer) is
 * what tests compare with.
 */
public final class ParkedMemdemo implements AutoCloseable {

    /** A string the program keeps alive: where its bytes are and the capacity it asked malloc for. */
    public record LiveString(long address, long capacity, String text) {
    }

    private final ParkedProgram program;

    private ParkedMemdemo(ParkedProgram program) {
        this.program = program;
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
        return new ParkedMemdemo(ParkedProgram.start("memdemo", environment, mode));
    }

    public long pid() {
        return program.pid();
    }

    public Path executable() {
        return program.executable();
    }

    public List<String> lines() {
        return program.lines();
    }

    private String field(String key) {
        return program.field(key);
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
        return program.gcore(dir);
    }

    public boolean isAlive() {
        return program.isAlive();
    }

    /** Lets the program finish and waits (bounded by polls) for it to print "done" and exit. */
    public List<String> release() {
        return program.release();
    }

    @Override
    public void close() {
        program.close();
    }
}
