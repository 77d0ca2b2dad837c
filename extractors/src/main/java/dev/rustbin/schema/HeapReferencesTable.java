package dev.rustbin.schema;

import static dev.rustbin.schema.Column.uint64;
import static dev.rustbin.schema.Column.utf8;

import dev.rustbin.format.LoadedBinary;
import dev.rustbin.memory.ProcessModules;
import dev.rustbin.memory.SnapshotView;
import dev.rustbin.memory.reach.HeapGraph;
import dev.rustbin.memory.reach.HeapReference;
import dev.rustbin.memory.reach.ReferenceFilter;
import dev.rustbin.memory.reach.RootKind;
import dev.rustbin.memory.regions.RegionKind;
import dev.rustbin.rust.RustSymbols;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code heap_references}: every pointer to a live heap chunk, from a root or from another chunk, per snapshot. */
public final class HeapReferencesTable {

    private HeapReferencesTable() {
    }

    /** One pointer of one snapshot. */
    public record ReferenceRow(SnapshotView view, HeapReference reference) {
    }

    public static final TableSchema<ReferenceRow> TABLE = TableSchema.perSnapshot("heap_references",
            "One row per aligned 8-byte word that points into a live heap chunk (its start or inside it), in a root (a register, "
                    + "a thread's live stack, a module's data and bss, a thread's TLS) or in a live chunk: what keeps each chunk alive. "
                    + "memory_regions.is_reachable follows these from the roots.",
            HeapReferencesTable::rows,
            List.of(
                    Column.path(),
                    uint64("snapshot_id", "the snapshot (memory_snapshots.snapshot_id)", (b, r) -> r.view().id(), false),
                    uint64("from_region_id", "the chunk holding the pointer (memory_regions.region_id); NULL for a root",
                            (b, r) -> r.reference().fromChunk() < 0 ? null : chunkRegionId(r.view(), r.reference().fromChunk()), true),
                    uint64("from_start_address", "that chunk's start_address; NULL for a root", (b, r) -> r.reference().fromStart(), true),
                    uint64("from_offset", "where in that chunk the pointer is", (b, r) -> r.reference().fromOffset(), true),
                    utf8("root_kind", "register, stack (a thread's, from its stack pointer up), static (a module's data and bss) or tls; "
                            + "NULL when the pointer is in a chunk", (b, r) -> r.reference().rootKind() == null ? null : r.reference().rootKind().label(), true),
                    uint64("from_address", "where the pointer is; NULL for a register", (b, r) -> r.reference().fromAddress(), true),
                    uint64("thread_id", "the thread of a register, stack or tls root", (b, r) -> r.reference().threadId(), true),
                    utf8("register_name", "the register of a register root", (b, r) -> r.reference().register(), true),
                    utf8("from_symbol", "the static holding the pointer (demangled), for static roots", (b, r) -> staticSymbol(r), true),
                    uint64("to_region_id", "the chunk pointed to (memory_regions.region_id)", (b, r) -> chunkRegionId(r.view(), r.reference().toChunk()), false),
                    uint64("to_start_address", "its start_address", (b, r) -> r.reference().toStart(), false),
                    uint64("to_offset", "how far into it the pointer points: 0 for its start, more for an interior pointer",
                            (b, r) -> r.reference().toOffset(), false)));

    private static Iterator<ReferenceRow> rows(LoadedBinary binary, SnapshotView view, ScanRequest request) {
        Optional<Set<String>> kinds = request.valuesOf("root_kind");
        ScanRequest.AddressRange from = request.rangeOf("from_start_address");
        // A predicate on from_start_address excludes roots (NULL there); one on root_kind excludes chunks.
        boolean chunksOnly = !from.equals(ScanRequest.AddressRange.ALL);
        Optional<Set<RootKind>> rootKinds = chunksOnly ? Optional.of(Set.of())
                : kinds.map(labels -> Arrays.stream(RootKind.values()).filter(k -> labels.contains(k.label())).collect(Collectors.toSet()));
        ReferenceFilter filter = new ReferenceFilter(rootKinds, kinds.isEmpty(), from.lowest(), from.highest());
        Iterator<HeapReference> references = HeapGraph.of(view).references(filter);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return references.hasNext();
            }

            @Override
            public ReferenceRow next() {
                return new ReferenceRow(view, references.next());
            }
        };
    }

    private static long chunkRegionId(SnapshotView view, int position) {
        return RegionKind.CHUNK.regionId(view.id(), position);
    }

    private static String staticSymbol(ReferenceRow row) {
        HeapReference r = row.reference();
        if (r.rootKind() != RootKind.STATIC) {
            return null;
        }
        Optional<ProcessModules.Module> module = row.view().modules().moduleAt(r.fromAddress());
        return module.flatMap(m -> m.symbolAt(m.staticAddress(r.fromAddress())))
                .map(hit -> RustSymbols.demangle(hit.symbol().name())).orElse(null);
    }
}
