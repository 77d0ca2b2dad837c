package dev.rustbin.memory.heap;

import static dev.rustbin.memory.heap.GlibcLayout.CHUNK_HDR;
import static dev.rustbin.memory.heap.GlibcLayout.FLAGS;
import static dev.rustbin.memory.heap.GlibcLayout.IS_MMAPPED;
import static dev.rustbin.memory.heap.GlibcLayout.MIN_CHUNK;

import dev.rustbin.memory.MemoryMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * Chunks malloc mmapped on their own (requests above the mmap threshold): each starts a page of
 * anonymous memory with prev_size 0 and a page-multiple size whose only flag is IS_MMAPPED. The
 * kernel merges adjacent anonymous mappings, so after a chunk the scan goes on at its end while
 * that is still inside the mapping, and stops at the first page that is not a chunk. An aligned
 * request (posix_memalign) leaves that header in place and starts its chunk further in, with
 * prev_size saying how far: each alignment's offset is tried.
 *
 * @param chunks      the chunks, in address order
 * @param mappedBytes what their mappings hold in all (what mp_.mmapped_mem counts)
 */
record MmappedChunks(List<HeapChunk> chunks, long mappedBytes) {

    private static final long PAGE = 4096;

    static MmappedChunks scan(Words words, WritableMemory writable, List<HeapSegment> arenaHeaps) {
        List<HeapChunk> found = new ArrayList<>();
        long mapped = 0;
        for (MemoryMapping m : writable.mappings()) {
            if (m.isFile() || m.name().startsWith("[") && !m.name().startsWith("[anon")
                    || arenaHeaps.stream().anyMatch(s -> m.contains(s.firstChunk))) {
                continue;
            }
            long p = m.start();
            while (Long.compareUnsigned(m.end() - p, CHUNK_HDR) >= 0 && words.readable(p, CHUNK_HDR)) {
                long field = words.u64(p + 8);
                long size = field & ~FLAGS;
                if (words.u64(p) != 0 || (field & FLAGS) != IS_MMAPPED || size == 0 || size % PAGE != 0
                        || Long.compareUnsigned(size, m.end() - p) > 0) {
                    break;
                }
                long lead = memalignOffset(words, p, size);
                found.add(new HeapChunk(p + lead + CHUNK_HDR, size - lead - CHUNK_HDR, p + lead, size - lead, 0, true));
                mapped += size;
                p += size;
            }
        }
        return new MmappedChunks(found, mapped);
    }

    /**
     * How far into the mapping at {@code p} _int_memalign put its chunk: for alignment A it moves the
     * user pointer up to a multiple of A, at least MINSIZE in, and writes that offset as prev_size of
     * a chunk of the rest of the mapping. 0 when no alignment's offset holds such a header.
     */
    private static long memalignOffset(Words words, long p, long size) {
        for (long alignment = MIN_CHUNK; alignment < size; alignment <<= 1) {
            long lead = ((p + CHUNK_HDR + alignment - 1) & -alignment) - CHUNK_HDR - p;
            if (lead < MIN_CHUNK) {
                lead += alignment;
            }
            if (Long.compareUnsigned(lead, size - MIN_CHUNK) <= 0 && words.readable(p + lead, CHUNK_HDR) && words.u64(p + lead) == lead
                    && words.u64(p + lead + 8) == ((size - lead) | IS_MMAPPED)) {
                return lead;
            }
        }
        return 0;
    }
}
