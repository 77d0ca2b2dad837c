package dev.rustbin.memory.ptrace;

import dev.rustbin.memory.CapturedMemory;
import dev.rustbin.memory.MemoryMapping;
import dev.rustbin.memory.SnapshotException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Copies the readable memory of a stopped process into a spill file: created in the caller's
 * directory and unlinked at once, so only the open channel keeps it (nothing is left behind, even
 * on SIGKILL). Bytes go through one fixed direct buffer with large positional reads of
 * /proc/PID/mem, so rustbin's memory does not grow with the target's. What the kernel will not
 * let us read ([vvar], I/O mappings, pages past the end of a mapped file) is left out, page by page.
 */
final class MemorySpill {

    private static final int BUFFER = 1 << 20;
    private static final long PAGE = 4096;

    private MemorySpill() {
    }

    /**
     * @param originals bytes to put back in the copy where rustbin's breakpoints sit (address to the original bytes)
     */
    static CapturedMemory copy(long pid, List<MemoryMapping> mappings, Path spillDirectory, Map<Long, byte[]> originals) {
        String origin = "pid " + pid;
        FileChannel spill = open(pid, spillDirectory);
        try (FileChannel mem = FileChannel.open(ProcFiles.dir(pid).resolve("mem"), StandardOpenOption.READ)) {
            List<CapturedMemory.Range> ranges = new ArrayList<>();
            ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
            long written = 0;
            for (MemoryMapping m : mappings) {
                if (copyable(m)) {
                    written = copyMapping(mem, m, spill, written, buffer, ranges);
                }
            }
            restore(spill, ranges, originals);
            return new CapturedMemory(origin + " (live snapshot)", spill, ranges);
        } catch (IOException e) {
            closeQuietly(spill);
            throw new SnapshotException(origin + ": cannot read its memory (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            closeQuietly(spill);
            throw e;
        }
    }

    /** Readable, and not a kernel page that reads fail on anyway (addresses at or above 2^63 are not positions in /proc/PID/mem). */
    private static boolean copyable(MemoryMapping m) {
        return m.readable() && m.start() >= 0 && m.end() > 0 && !"[vvar]".equals(m.name()) && !"[vsyscall]".equals(m.name());
    }

    private static FileChannel open(long pid, Path spillDirectory) {
        try {
            Files.createDirectories(spillDirectory);
            Path file = Files.createTempFile(spillDirectory, "pid" + pid + "-", ".spill");
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            Files.delete(file);
            return channel;
        } catch (IOException e) {
            throw new SnapshotException("pid " + pid + ": cannot create a spill file in " + spillDirectory + " (" + e.getMessage() + ")", e);
        }
    }

    /** Copies one mapping; returns the spill file's new length. A read that fails retries page by page to keep what can be read. */
    private static long copyMapping(FileChannel mem, MemoryMapping m, FileChannel spill, long written, ByteBuffer buffer,
                                    List<CapturedMemory.Range> ranges) throws IOException {
        long runStart = m.start();
        long runOffset = written;
        long position = m.start();
        long pageByPageUntil = m.start();
        while (position < m.end()) {
            int want = (int) Math.min(position < pageByPageUntil ? PAGE : BUFFER, m.end() - position);
            buffer.clear().limit(want);
            int got = readAt(mem, buffer, position);
            buffer.flip();
            while (buffer.hasRemaining()) {
                written += spill.write(buffer, written);
            }
            position += got;
            if (got < want) {
                if (want <= PAGE) {
                    addRange(ranges, runStart, position - runStart, runOffset);
                    position = (position & -PAGE) + PAGE;
                    runStart = position;
                    runOffset = written;
                } else {
                    pageByPageUntil = position + (want - got);
                }
            }
        }
        addRange(ranges, runStart, position - runStart, runOffset);
        return written;
    }

    private static void addRange(List<CapturedMemory.Range> ranges, long address, long size, long offset) {
        if (size > 0) {
            ranges.add(new CapturedMemory.Range(address, size, offset));
        }
    }

    /** Bytes read before the first error or the end (the kernel stops at a page it cannot read). */
    private static int readAt(FileChannel mem, ByteBuffer buffer, long position) {
        int total = 0;
        try {
            while (buffer.hasRemaining()) {
                int n = mem.read(buffer, position + total);
                if (n <= 0) {
                    break;
                }
                total += n;
            }
        } catch (IOException e) {
            // EIO: an unreadable page; the caller keeps what came before it.
        }
        return total;
    }

    private static void restore(FileChannel spill, List<CapturedMemory.Range> ranges, Map<Long, byte[]> originals) throws IOException {
        for (Map.Entry<Long, byte[]> e : originals.entrySet()) {
            for (CapturedMemory.Range r : ranges) {
                long at = e.getKey() - r.address();
                if (at >= 0 && at + e.getValue().length <= r.size()) {
                    spill.write(ByteBuffer.wrap(e.getValue()), r.fileOffset() + at);
                }
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Reporting the failure that got us here matters more.
        }
    }
}
