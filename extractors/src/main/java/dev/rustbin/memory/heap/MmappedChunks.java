package dev.rustbin.memory.heap;

import static dev.rustbin.memory.heap.GlibcLayout.CHUNK_HDR;
import static dev.rustbin.memory.heap.GlibcLayout.FLAGS;
import static dev.rustbin.memory.heap.GlibcLayout.IS_MMAPPED;

import dev.rustbin.memory.MemoryMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * Chunks malloc mmapped on their own (requests above the mmap threshold): each starts a page of
 * anonymous memory with prev_size 0 and a page-multiple size whose only flag is IS_MMAPPED. The
 * kernel merges adjacent anonymous mappings, so after a chunk the scan goes on at its end while
 * that is still inside the mapping, and stops at the first page that is not a chunk.
 */
final class MmappedChunks {

    private static final long PAGE = 4096;

    private MmappedChunks() {
    }

    static List<HeapChunk> scan(Words words, WritableMemory writable, List<HeapSegment> arenaHeaps) {
        List<HeapChunk> found = new ArrayList<>();
        for (MemoryMapping m : writable.mappings()) {
            if (m.isFile() || m.name().startsWith("[") && !m.name().startsWith("[anon")
                    || arenaHeaps.stream().anyMatch(s -> m.contains(s.firstChunk))) {
                continue;
            }
            long p = m.start();
            while (Long.compareUnsigned(m.end() - p, CHUNK_HDR) >= 0 && words.readable(p, CHUNK_HDR)) {
                long prevSize = words.u64(p);
                long field = words.u64(p + 8);
                long size = field & ~FLAGS;
                if (prevSize != 0 || (field & FLAGS) != IS_MMAPPED || size == 0 || size % PAGE != 0
                        || Long.compareUnsigned(size, m.end() - p) > 0) {
                    break;
                }
                found.add(new HeapChunk(p + CHUNK_HDR, size - CHUNK_HDR, p, size, 0, true));
                p += size;
            }
        }
        return found;
    }
}
