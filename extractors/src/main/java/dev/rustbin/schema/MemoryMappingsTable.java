package dev.rustbin.schema;

import static dev.rustbin.schema.Column.uint64;
import static dev.rustbin.schema.Column.utf8;

import dev.rustbin.memory.MemoryMapping;
import dev.rustbin.memory.SnapshotView;
import dev.rustbin.memory.regions.MappingClassifier;
import java.util.ArrayList;
import java.util.List;

/** {@code memory_mappings}: the process map of every snapshot, as /proc/PID/maps or a core's segments give it. */
public final class MemoryMappingsTable {

    private MemoryMappingsTable() {
    }

    /** One line of a snapshot's map, with what it holds. */
    public record MappingRow(SnapshotView view, MemoryMapping mapping, String type) {
    }

    public static final TableSchema<MappingRow> TABLE = TableSchema.perSnapshot("memory_mappings",
            "One row per mapping of each snapshot's process map: /proc/PID/maps for live processes, PT_LOAD segments and NT_FILE for cores.",
            (b, view, request) -> {
                List<MappingRow> rows = new ArrayList<>();
                List<MemoryMapping> mappings = view.snapshot().mappings();
                for (int i = 0; i < mappings.size(); i++) {
                    rows.add(new MappingRow(view, mappings.get(i), MappingClassifier.typeOf(view, i)));
                }
                return rows.iterator();
            },
            List.of(
                    Column.path(),
                    uint64("snapshot_id", "the snapshot (memory_snapshots.snapshot_id)", (b, r) -> r.view().id(), false),
                    uint64("start_address", "first byte", (b, r) -> r.mapping().start(), false),
                    uint64("end_address", "one past the last byte", (b, r) -> r.mapping().end(), false),
                    uint64("size", "bytes", (b, r) -> r.mapping().size(), false),
                    utf8("permissions", "rwxp or rwxs as /proc/PID/maps prints them (cores: p)", (b, r) -> r.mapping().permissions(), false),
                    uint64("file_offset", "offset in the mapped file", (b, r) -> r.mapping().fileOffset(), false),
                    utf8("mapped_file", "the file, or [heap], [stack], [vdso] ...; NULL for anonymous memory",
                            (b, r) -> r.mapping().name().isEmpty() ? null : r.mapping().name(), true),
                    utf8("type", "what it holds, as memory_regions.type names it", (b, r) -> r.type(), false)));
}
