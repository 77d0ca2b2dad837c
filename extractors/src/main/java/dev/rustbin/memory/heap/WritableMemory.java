package dev.rustbin.memory.heap;

import dev.rustbin.memory.MemoryMapping;
import java.util.Comparator;
import java.util.List;

/** The readable and writable mappings of a process, in address order: where malloc's pointers may point. */
final class WritableMemory {

    private final MemoryMapping[] mappings;

    WritableMemory(List<MemoryMapping> all) {
        this.mappings = all.stream().filter(m -> m.readable() && m.writable())
                .sorted(Comparator.comparing(MemoryMapping::start, Long::compareUnsigned)).toArray(MemoryMapping[]::new);
    }

    List<MemoryMapping> mappings() {
        return List.of(mappings);
    }

    /** The writable mapping holding {@code address}, or null. */
    MemoryMapping at(long address) {
        int lo = 0;
        int hi = mappings.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(mappings[mid].start(), address) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi >= 0 && mappings[hi].contains(address) ? mappings[hi] : null;
    }

    /** True when {@code [address, address + length)} lies in one writable mapping. */
    boolean holds(long address, long length) {
        MemoryMapping m = at(address);
        return m != null && Long.compareUnsigned(length, m.end() - address) <= 0;
    }

    /** True for a plausible heap pointer: 16-byte aligned, inside writable memory. */
    boolean holdsChunk(long address) {
        return (address & GlibcLayout.ALIGN_MASK) == 0 && holds(address, GlibcLayout.CHUNK_HDR);
    }
}
