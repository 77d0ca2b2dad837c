package dev.rustbin.memory.heap;

import static dev.rustbin.memory.heap.GlibcLayout.ALIGN_MASK;
import static dev.rustbin.memory.heap.GlibcLayout.FLAGS;
import static dev.rustbin.memory.heap.GlibcLayout.HEAP_MAX;
import static dev.rustbin.memory.heap.GlibcLayout.STATE_NEXT;
import static dev.rustbin.memory.heap.GlibcLayout.STATE_SIZE;
import static dev.rustbin.memory.heap.GlibcLayout.STATE_SYSTEM_MEM;
import static dev.rustbin.memory.heap.GlibcLayout.STATE_TOP;
import static dev.rustbin.memory.heap.Words.hex;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.memory.AddressSpace;
import dev.rustbin.memory.MemoryMapping;
import dev.rustbin.memory.ProcessModules;
import dev.rustbin.memory.ProcessSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Lists the live glibc malloc chunks of a snapshot: finds main_arena (debug symbols, or a checked
 * search), follows the arena ring to the thread arenas and their heap_info heaps, walks every heap
 * chunk by chunk, takes out what is free (top, bins, fastbins, tcaches), and finds the chunks mmapped
 * on their own. Every structure is checked before it is trusted; a heap that stops holding together
 * is listed up to that point and the report says why, so no chunk it lists is made up.
 */
public final class HeapWalker {

    /** Whether to use libc's separate debug file (libc6-dbg) to find malloc's globals. */
    public enum DebugSymbols { USE, IGNORE }

    private static final int MAX_HEAPS_PER_ARENA = 1 << 16;

    private final Words words;
    private final WritableMemory writable;
    private final GlibcLayout layout;
    private final MallocAnchors anchors;
    private final List<String> notes = new ArrayList<>();
    private final List<HeapSegment> segments = new ArrayList<>();
    /** In-use chunks of the tcache_perthread_struct's size: each thread's tcache is one of them. */
    private final List<Long> tcacheCandidates = new ArrayList<>();

    private HeapWalker(Words words, WritableMemory writable, GlibcLayout layout, MallocAnchors anchors) {
        this.words = words;
        this.writable = writable;
        this.layout = layout;
        this.anchors = anchors;
    }

    public static HeapReport walk(ProcessSnapshot snapshot, ProcessModules modules) {
        return walk(snapshot.memory(), snapshot.mappings(), modules, DebugSymbols.USE);
    }

    public static HeapReport walk(AddressSpace memory, List<MemoryMapping> mappings, ProcessModules modules, DebugSymbols debugSymbols) {
        Optional<String> foreign = ForeignAllocator.of(modules);
        if (foreign.isPresent()) {
            return HeapReport.notListed("allocator not glibc malloc (" + foreign.get() + "): heap chunks not listed");
        }
        ProcessModules.Module libc = modules.byFileName("libc.so").orElseThrow();
        BinaryImage image = libc.image();
        if (image == null) {
            return HeapReport.notListed("glibc malloc not read (" + libc.path() + " cannot be opened): heap chunks not listed");
        }
        OptionalInt minor = GlibcVersion.minorOf(image);
        if (minor.isEmpty()) {
            return HeapReport.notListed("allocator not glibc malloc (" + libc.path() + " is not glibc): heap chunks not listed");
        }
        String version = "2." + minor.getAsInt();
        if (!GlibcLayout.supported(minor.getAsInt())) {
            return HeapReport.notListed("glibc " + version + " malloc layout not known (2." + GlibcLayout.OLDEST_MINOR + " to 2."
                    + GlibcLayout.NEWEST_MINOR + " are): heap chunks not listed");
        }
        Words words = new Words(memory);
        WritableMemory writable = new WritableMemory(mappings);
        MallocAnchors anchors;
        try {
            Optional<MallocAnchors> symbols = debugSymbols == DebugSymbols.USE ? MainArenaLocator.fromDebugSymbols(libc, version) : Optional.empty();
            anchors = symbols.isPresent() ? symbols.get() : MainArenaLocator.bySearch(words, writable, libc, version,
                    debugSymbols == DebugSymbols.USE ? "no libc6-dbg symbols for " + libc.path() : "debug symbols not used");
            MallocStateCheck.check(words, writable, anchors.mainArena());
        } catch (InconsistentHeap e) {
            return HeapReport.notListed("glibc " + version + " main_arena not found (" + e.getMessage() + "): heap chunks not listed");
        }
        try {
            return new HeapWalker(words, writable, new GlibcLayout(minor.getAsInt()), anchors).run(memory);
        } catch (InconsistentHeap e) {
            // Every heap catches its own problems; this is memory the arenas need that the snapshot lacks.
            return HeapReport.notListed(anchors.how() + ", but its arenas cannot be read (" + e.getMessage() + "): heap chunks not listed");
        }
    }

    private HeapReport run(AddressSpace memory) {
        List<HeapArena> arenas = new ArrayList<>();
        List<List<HeapSegment>> arenaHeaps = new ArrayList<>();
        long main = anchors.mainArena();
        long arena = main;
        do {
            List<HeapSegment> heaps = heapsOf(arena, arena == main);
            heaps.forEach(this::firstWalk);
            segments.addAll(heaps);
            arenaHeaps.add(heaps);
            arenas.add(new HeapArena(arena, arena == main ? "main" : "thread", words.u64(arena + STATE_TOP), topSize(arena),
                    words.u64(arena + STATE_SYSTEM_MEM), List.of()));
            arena = words.u64(arena + STATE_NEXT);
        } while (arena != main);

        FreeLists freeLists = new FreeLists(words, layout, segments, tcacheKeyFromLibc());
        for (int i = 0; i < arenas.size(); i++) {
            addFastbins(freeLists, arenas.get(i).address(), arenaHeaps.get(i));
        }
        long maxCount = anchors.mp().isPresent() ? words.u64(anchors.mp().getAsLong() + layout.mpTcacheCount()) : 0xffff;
        for (long candidate : tcacheCandidates) {
            freeLists.addTcacheIfOne(candidate, maxCount);
        }
        MmappedChunks mmapped = MmappedChunks.scan(words, writable, segments);
        crossCheckMmapped(mmapped);

        List<HeapArena> withHeaps = new ArrayList<>();
        for (int i = 0; i < arenas.size(); i++) {
            HeapArena a = arenas.get(i);
            withHeaps.add(new HeapArena(a.address(), a.kind(), a.top(), a.topSize(), a.systemMem(),
                    arenaHeaps.get(i).stream().map(HeapSegment::range).toList()));
        }
        OptionalLong key = layout.tcacheKeyIsRandom() ? freeLists.tcacheKey() : OptionalLong.empty();
        return new HeapReport(anchors.how(), true, withHeaps, notes, freeLists.tcaches(), memory, segments,
                freeLists.free(), key, mmapped);
    }

    private long topSize(long arena) {
        long top = words.u64(arena + STATE_TOP);
        return top == GlibcLayout.binAt(arena, 1) ? 0 : words.u64(top + 8) & ~FLAGS;
    }

    /** The arena's heaps, newest first; a heap that does not check out ends the list with a note. */
    private List<HeapSegment> heapsOf(long arena, boolean mainArena) {
        List<HeapSegment> heaps = new ArrayList<>();
        long top = words.u64(arena + STATE_TOP);
        if (top == GlibcLayout.binAt(arena, 1)) {
            return heaps;
        }
        long topEnd = top + topSize(arena);
        try {
            if (mainArena) {
                heaps.add(mainHeap(arena, top, topEnd));
                return heaps;
            }
            MallocStateCheck.check(words, writable, arena);
            long heap = top & -HEAP_MAX;
            for (int n = 0; heap != 0; n++) {
                long size = words.u64(heap + layout.heapInfoSizeField());
                if (n == MAX_HEAPS_PER_ARENA || words.u64(heap) != arena || size > HEAP_MAX || !writable.holds(heap, size)) {
                    throw new InconsistentHeap("heap_info at " + hex(heap) + " does not belong to it or has size " + hex(size));
                }
                boolean first = arena == heap + layout.heapInfoSize();
                long firstChunk = first ? (arena + STATE_SIZE + ALIGN_MASK) & ~ALIGN_MASK : heap + layout.heapInfoSize();
                boolean newest = heaps.isEmpty();
                heaps.add(new HeapSegment(arena, false, heap, newest ? topEnd : heap + size, firstChunk, newest ? top : heap + size, newest));
                long prev = words.u64(heap + 8);
                if ((prev & (HEAP_MAX - 1)) != 0 || first != (prev == 0)) {
                    throw new InconsistentHeap("heap_info at " + hex(heap) + " links to " + hex(prev));
                }
                heap = prev;
            }
        } catch (InconsistentHeap e) {
            notes.add("arena " + hex(arena) + ": " + e.getMessage() + ": heaps from there on are not listed");
        }
        return heaps;
    }

    /** The sbrk heap: from mp_.sbrk_base (or, without symbols, the start of top's mapping) to top. */
    private HeapSegment mainHeap(long arena, long top, long topEnd) {
        MemoryMapping mapping = writable.at(top);
        long base = anchors.mp().isPresent() ? words.u64(anchors.mp().getAsLong() + layout.mpSbrkBase()) : mapping.start();
        if (!mapping.contains(base) || Long.compareUnsigned(base, top) > 0) {
            throw new InconsistentHeap("sbrk_base " + hex(base) + " is not below the top chunk " + hex(top) + " in one mapping");
        }
        return new HeapSegment(arena, true, base, topEnd, (base + ALIGN_MASK) & ~ALIGN_MASK, top, true);
    }

    private void firstWalk(HeapSegment heap) {
        ChunkCursor cursor = heap.firstWalk(words);
        long tcacheSize = layout.tcacheStructChunkSize();
        try {
            while (cursor.advance()) {
                heap.chunkCount++;
                if (cursor.size() == tcacheSize && cursor.inUse()) {
                    tcacheCandidates.add(cursor.address());
                }
            }
            heap.chunksEnd = cursor.position();
            heap.listedEnd = heap.chunksEnd;
        } catch (InconsistentHeap e) {
            heap.listedEnd = cursor.position();
            notes.add("arena " + hex(heap.arena) + ", heap " + hex(heap.start) + ": " + e.getMessage()
                    + ": chunks from " + hex(heap.listedEnd) + " on are not listed");
        }
    }

    private void addFastbins(FreeLists freeLists, long arena, List<HeapSegment> heaps) {
        try {
            freeLists.addFastbins(arena, heaps, heaps.stream().mapToLong(h -> h.chunkCount).sum());
        } catch (InconsistentHeap e) {
            for (HeapSegment h : heaps) {
                h.listedEnd = h.firstChunk;
            }
            notes.add("arena " + hex(arena) + ": " + e.getMessage() + ": free and live chunks cannot be told apart, none of its chunks are listed");
        }
    }

    private OptionalLong tcacheKeyFromLibc() {
        return anchors.tcacheKey().isPresent() && layout.tcacheKeyIsRandom()
                ? OptionalLong.of(words.u64(anchors.tcacheKey().getAsLong())) : OptionalLong.empty();
    }

    /** mp_ counts the chunks mmapped on their own and their bytes: the scan must find the same. */
    private void crossCheckMmapped(MmappedChunks mmapped) {
        if (anchors.mp().isEmpty()) {
            return;
        }
        long mp = anchors.mp().getAsLong();
        long count = words.u64(mp + layout.mpNMmaps()) & 0xffff_ffffL;
        long bytes = words.u64(mp + layout.mpMmappedMem());
        if (count != mmapped.chunks().size() || bytes != mmapped.mappedBytes()) {
            notes.add("mmapped chunks: " + mmapped.chunks().size() + " found (" + mmapped.mappedBytes() + " bytes), mp_ counts "
                    + count + " (" + bytes + " bytes)");
        }
    }
}
