package dev.rustbin.memory.regions;

import dev.rustbin.memory.MemoryMapping;
import dev.rustbin.memory.ProcessModules;
import dev.rustbin.memory.ProcessSnapshot;
import dev.rustbin.memory.SnapshotView;
import dev.rustbin.memory.ThreadState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One memory_regions row per mapping of the process map. */
final class MappingRegions {

    private MappingRegions() {
    }

    static List<MemoryRegion> of(SnapshotView view, RegionFilter filter) {
        ProcessSnapshot snapshot = view.snapshot();
        List<MemoryMapping> mappings = snapshot.mappings();
        List<MemoryRegion> rows = new ArrayList<>();
        for (int i = 0; i < mappings.size(); i++) {
            MemoryMapping m = mappings.get(i);
            if (!filter.wantsStart(m.start())) {
                continue;
            }
            String type = MappingClassifier.typeOf(view, i);
            if (!filter.wantsType(type)) {
                continue;
            }
            Long staticAddress = null;
            if (m.isFile()) {
                Optional<ProcessModules.Module> module = view.modules().moduleAt(m.start());
                staticAddress = module.map(mod -> mod.staticAddress(m.start())).orElse(null);
            }
            ThreadState thread = type.equals("stack") ? MappingClassifier.threadOf(snapshot.threads(), m) : null;
            rows.add(new MemoryRegion(view, RegionKind.MAPPING.regionId(view.id(), i), type, RegionKind.MAPPING.label(),
                    m.start(), m.end(), m.permissions(), m.name().isEmpty() ? null : m.name(), staticAddress,
                    thread == null ? null : thread.tid(), null, null, null, null, null, null, null));
        }
        return rows;
    }
}
