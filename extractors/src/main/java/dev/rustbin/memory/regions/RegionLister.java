package dev.rustbin.memory.regions;

import dev.rustbin.memory.SnapshotView;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of memory_regions for one snapshot, source by source: mappings, then stack frames, heap
 * chunks and statics. A source whose rows the filter excludes is not run at all.
 */
public final class RegionLister {

    private RegionLister() {
    }

    public static List<MemoryRegion> list(SnapshotView view, RegionFilter filter) {
        List<MemoryRegion> rows = new ArrayList<>();
        if (filter.wantsKind(RegionKind.MAPPING) && filter.wantsAnyType(MappingClassifier.TYPES)) {
            rows.addAll(MappingRegions.of(view, filter));
        }
        if (filter.wantsKind(RegionKind.STATIC) && filter.wantsAnyType(java.util.Set.of("global", "tls"))) {
            rows.addAll(StaticRegions.of(view, filter));
        }
        return rows;
    }
}
