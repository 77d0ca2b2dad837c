package dev.rustbin.memory.heap;

import dev.rustbin.memory.AddressSpace;
import dev.rustbin.memory.MemoryMapping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A live process's memory read through /proc/PID/mem, and its map from /proc/PID/maps: what a
 * test needs to walk the heap of a parked process without a core (the process must stay parked).
 */
final class ProcMemory implements AddressSpace, AutoCloseable {

    private final FileChannel mem;
    private final List<MemoryMapping> mappings;

    ProcMemory(long pid) throws IOException {
        this.mem = FileChannel.open(Path.of("/proc", Long.toString(pid), "mem"));
        this.mappings = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "maps"))) {
            String[] f = line.trim().split("\\s+", 6);
            String[] range = f[0].split("-");
            mappings.add(new MemoryMapping(Long.parseUnsignedLong(range[0], 16), Long.parseUnsignedLong(range[1], 16), f[1],
                    Long.parseLong(f[2], 16), f.length > 5 ? f[5] : ""));
        }
    }

    List<MemoryMapping> mappings() {
        return mappings;
    }

    @Override
    public boolean read(long address, byte[] target, int offset, int length) {
        if (address < 0 || !contains(address, length)) {
            return false;
        }
        ByteBuffer buffer = ByteBuffer.wrap(target, offset, length);
        try {
            while (buffer.hasRemaining()) {
                if (mem.read(buffer, address + buffer.position() - offset) <= 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean contains(long address, long length) {
        for (MemoryMapping m : mappings) {
            if (m.readable() && m.contains(address)) {
                return Long.compareUnsigned(length, m.end() - address) <= 0;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            mem.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
