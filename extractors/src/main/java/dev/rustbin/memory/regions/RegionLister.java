package dev.rustbin.memory.regions;

import dev.rustbin.memory.SnapshotView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The rows of memory_regions for one snapshot, source by source: mappings, stack frames, heap
 * chunks, statics. A source whose rows the filter excludes is never run (no unwinding for a heap
 * query, no heap walk for a stack query), and each starts only when the previous one is used up.
 */
public final class RegionLister implements Iterator<MemoryRegion> {

    private final Iterator<Supplier<Iterator<MemoryRegion>>> sources;
    private Iterator<MemoryRegion> current = Collections.emptyIterator();

    private RegionLister(List<Supplier<Iterator<MemoryRegion>>> sources) {
        this.sources = sources.iterator();
    }

    public static Iterator<MemoryRegion> list(SnapshotView view, RegionFilter filter) {
        List<Supplier<Iterator<MemoryRegion>>> sources = new ArrayList<>();
        if (filter.wantsKind(RegionKind.MAPPING) && filter.wantsAnyType(MappingClassifier.TYPES)) {
            sources.add(() -> MappingRegions.of(view, filter).iterator());
        }
        if ((filter.wantsKind(RegionKind.FRAME) || filter.wantsKind(RegionKind.INLINED_FRAME)) && filter.wantsType("stack")) {
            sources.add(() -> FrameRegions.of(view, filter).iterator());
        }
        if (filter.wantsKind(RegionKind.CHUNK) && filter.wantsType("heap")) {
            sources.add(() -> new ChunkRegions(view, filter));
        }
        if (filter.wantsKind(RegionKind.STATIC) && filter.wantsAnyType(Set.of("global", "tls"))) {
            sources.add(() -> StaticRegions.of(view, filter).iterator());
        }
        return new RegionLister(sources);
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext() && sources.hasNext()) {
            current = sources.next().get();
        }
        return current.hasNext();
    }

    @Override
    public MemoryRegion next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }
}
