package dev.rustbin.memory.alloc;

import dev.rustbin.memory.AddressSpace;
import dev.rustbin.memory.heap.HeapChunk;
import dev.rustbin.memory.heap.HeapReport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * heaptrack's output as the program holds it: the descriptor it writes to, and the bytes its
 * LineWriter has buffered but not written yet. That writer (heaptrack's own heap object, which
 * heaptrack does not record) starts with the descriptor (int), the buffered length (unsigned int,
 * at most one pipe buffer) and the buffer's pointer, a heap block of at least that size.
 */
final class HeaptrackOutput {

    private HeaptrackOutput() {
    }

    /** The descriptor number under which process {@code pid} has {@code file} open, or -1. */
    static int descriptorOf(int pid, Path file) {
        Path fds = Path.of("/proc", String.valueOf(pid), "fd");
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(fds)) {
            for (Path fd : entries) {
                try {
                    if (file.equals(Files.readSymbolicLink(fd))) {
                        return Integer.parseInt(fd.getFileName().toString());
                    }
                } catch (IOException | NumberFormatException e) {
                    // a descriptor closed while we looked, or not ours
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /**
     * The events the program had recorded at the cut: those written, plus those in the unwritten
     * buffer of the writer on the cut's descriptor, found among the snapshot's live chunks and
     * checked against the bytes the stream went on with. -1 when no chunk holds that buffer.
     */
    static long eventsAtFreeze(AllocationCut cut, HeapReport heap, AddressSpace memory) {
        Iterator<HeapChunk> chunks = heap.liveChunks();
        byte[] head = new byte[16];
        long emptyBuffer = -1;
        while (chunks.hasNext()) {
            HeapChunk chunk = chunks.next();
            if (chunk.usableSize() < head.length || !memory.read(chunk.startAddress(), head, 0, head.length)) {
                continue;
            }
            ByteBuffer fields = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
            int length = fields.getInt(4);
            long buffer = fields.getLong(8);
            if (fields.getInt(0) != cut.targetFd || length < 0 || length > AllocationCut.WINDOW || buffer == 0) {
                continue;
            }
            byte[] bytes = new byte[length];
            if (!memory.read(buffer, bytes, 0, length)) {
                continue;
            }
            long events = cut.eventsWith(bytes);
            if (events >= 0 && length > 0) {
                return events;
            }
            if (events >= 0) {
                emptyBuffer = events;
            }
        }
        return emptyBuffer;
    }
}
