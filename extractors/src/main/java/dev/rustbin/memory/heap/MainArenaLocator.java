package dev.rustbin.memory.heap;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.Symbol;
import dev.rustbin.memory.MemoryMapping;
import dev.rustbin.memory.ProcessModules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Finds glibc's main_arena, which libc does not export: by name in libc's separate debug file
 * (libc6-dbg, found by build id), or else by a checked search of libc's writable data (its .data
 * and the anonymous .bss mapping after it) for the one malloc_state that passes
 * {@link MallocStateCheck}.
 */
final class MainArenaLocator {

    /** libc's data is a few hundred KiB; a larger "data" region is not libc's. */
    private static final long MAX_SEARCH_BYTES = 16L << 20;

    private MainArenaLocator() {
    }

    static Optional<MallocAnchors> fromDebugSymbols(ProcessModules.Module libc, String version) {
        BinaryImage debug = libc.debugImage();
        if (debug == null) {
            return Optional.empty();
        }
        Optional<Symbol> arena = libc.symbol("main_arena");
        if (arena.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MallocAnchors(libc.runtimeAddress(arena.get().address()), runtime(libc, "mp_"),
                runtime(libc, "tcache_key"), "glibc " + version + " main_arena from libc6-dbg symbols (" + debug.path() + ")"));
    }

    private static OptionalLong runtime(ProcessModules.Module libc, String name) {
        return libc.symbol(name).map(s -> OptionalLong.of(libc.runtimeAddress(s.address()))).orElse(OptionalLong.empty());
    }

    /**
     * The single malloc_state in libc's writable data; an {@link InconsistentHeap} when there is none or several.
     *
     * @param why why symbols were not used, for the report
     */
    static MallocAnchors bySearch(Words words, WritableMemory writable, ProcessModules.Module libc, String version, String why) {
        List<Long> found = new ArrayList<>();
        for (MemoryMapping region : dataOf(libc, writable)) {
            for (long at = region.start(); Long.compareUnsigned(at + GlibcLayout.STATE_SIZE, region.end()) <= 0; at += 8) {
                if (plausible(words, writable, at)) {
                    try {
                        MallocStateCheck.check(words, writable, at);
                        found.add(at);
                    } catch (InconsistentHeap notAnArena) {
                        // Most words of libc's data are not a malloc_state.
                    }
                }
            }
        }
        if (found.size() != 1) {
            throw new InconsistentHeap(found.isEmpty() ? "no malloc_state found in the writable data of " + libc.path()
                    : found.size() + " candidate malloc_states in the writable data of " + libc.path());
        }
        return new MallocAnchors(found.get(0), OptionalLong.empty(), OptionalLong.empty(),
                "glibc " + version + " main_arena found by a checked search of libc's data (" + why + ")");
    }

    /** A cheap first filter: the ring pointer of a malloc_state points into writable memory. */
    private static boolean plausible(Words words, WritableMemory writable, long at) {
        long next = words.u64(at + GlibcLayout.STATE_NEXT);
        return (next & 7) == 0 && writable.holds(next, GlibcLayout.STATE_SIZE);
    }

    /** libc's writable file mappings and the anonymous mapping right after them (.bss past the file). */
    private static List<MemoryMapping> dataOf(ProcessModules.Module libc, WritableMemory writable) {
        List<MemoryMapping> regions = new ArrayList<>();
        long total = 0;
        for (MemoryMapping m : libc.mappings()) {
            if (m.writable() && m.readable()) {
                regions.add(m);
                MemoryMapping after = writable.at(m.end());
                if (after != null && !after.isFile() && after.start() == m.end()) {
                    regions.add(after);
                }
            }
        }
        for (MemoryMapping m : regions) {
            total += m.size();
        }
        if (total > MAX_SEARCH_BYTES) {
            throw new InconsistentHeap("the writable data of " + libc.path() + " is " + total + " bytes, too large to be libc's");
        }
        return regions.stream().distinct().toList();
    }
}
