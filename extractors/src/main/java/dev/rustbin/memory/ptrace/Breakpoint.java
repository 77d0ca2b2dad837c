package dev.rustbin.memory.ptrace;

import dev.rustbin.memory.SnapshotException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A software breakpoint: the architecture's trap instruction written over a function's first
 * bytes through /proc/PID/mem, and those bytes put back on removal. These are the only writes
 * rustbin ever makes to a process's memory.
 */
final class Breakpoint {

    private final long address;
    private final byte[] trap;
    private byte[] original;
    private boolean inserted;

    Breakpoint(long address, byte[] trap) {
        this.address = address;
        this.trap = trap;
    }

    long address() {
        return address;
    }

    boolean inserted() {
        return inserted;
    }

    void insert(long pid) {
        if (original == null) {
            original = read(pid);
        }
        write(pid, trap);
        inserted = true;
    }

    void remove(long pid) {
        write(pid, original);
        inserted = false;
    }

    /** Puts the original bytes back in a forked child's copy of the memory (the parent keeps its breakpoint). */
    void removeFrom(long child) {
        write(child, original);
    }

    /** For a snapshot's copy of memory: the bytes the program really has at the breakpoint. */
    Map<Long, byte[]> originals() {
        return inserted ? Map.of(address, original.clone()) : Map.of();
    }

    private byte[] read(long pid) {
        ByteBuffer bytes = ByteBuffer.allocate(trap.length);
        try (FileChannel mem = FileChannel.open(ProcFiles.dir(pid).resolve("mem"), StandardOpenOption.READ)) {
            while (bytes.hasRemaining()) {
                if (mem.read(bytes, address + bytes.position()) <= 0) {
                    throw new IOException("end of memory");
                }
            }
            return bytes.array();
        } catch (IOException e) {
            throw new SnapshotException(String.format("pid %d: cannot read the code at 0x%x for a breakpoint (%s)", pid, address, e.getMessage()), e);
        }
    }

    private void write(long pid, byte[] bytes) {
        try (FileChannel mem = FileChannel.open(ProcFiles.dir(pid).resolve("mem"), StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                mem.write(buffer, address + buffer.position());
            }
        } catch (IOException e) {
            throw new SnapshotException(String.format("pid %d: cannot write the breakpoint at 0x%x (%s)", pid, address, e.getMessage()), e);
        }
    }
}
