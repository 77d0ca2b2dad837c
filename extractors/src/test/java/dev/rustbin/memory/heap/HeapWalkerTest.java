package dev.rustbin.memory.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.memory.ProcessModules;
import dev.rustbin.memory.ProcessSnapshot;
import dev.rustbin.memory.core.CoreFileReader;
import dev.rustbin.testing.ParkedMemdemo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The heap of a parked memdemo, from its gcore and live, checked against what it printed and what gdb reads with libc6-dbg. */
class HeapWalkerTest {

    @TempDir
    static Path dir;

    private static ParkedMemdemo demo;
    private static Path core;
    private static ProcessSnapshot snapshot;
    private static ProcessModules modules;
    private static HeapReport report;
    private static List<HeapChunk> chunks;

    @BeforeAll
    static void snapshotTheParkedDemo() {
        demo = ParkedMemdemo.start();
        core = demo.gcore(dir);
        snapshot = CoreFileReader.read(core);
        modules = ProcessModules.of(snapshot);
        report = HeapWalker.walk(snapshot, modules);
        chunks = listed(report);
    }

    @AfterAll
    static void release() {
        modules.close();
        snapshot.close();
        demo.release();
        demo.close();
    }

    private static List<HeapChunk> listed(HeapReport r) {
        List<HeapChunk> all = new ArrayList<>();
        r.forEachLiveChunk(all::add);
        return all;
    }

    /** glibc's request2size for a request of {@code n} bytes, and what malloc_usable_size then says. */
    private static long expectedUsable(long n) {
        return Math.max(32, (n + 8 + 15) & ~15L) - 8;
    }

    private static List<HeapChunk> holding(long address, long length) {
        return chunks.stream().filter(c -> Long.compareUnsigned(address, c.startAddress()) >= 0
                && Long.compareUnsigned(address + length, c.startAddress() + c.usableSize()) <= 0).toList();
    }

    @Test
    void readsMainArenaFromLibcDebugSymbolsWithNothingInconsistent() {
        assertTrue(report.chunksListed());
        assertTrue(report.method().startsWith("glibc 2.36 main_arena from libc6-dbg symbols (/usr/lib/debug/.build-id/"), report.method());
        assertEquals(List.of(), report.notes());
        assertEquals(0, report.totals().keyedOutsideTcaches());
        assertEquals(chunks.size(), report.totals().liveChunks());
        assertEquals(List.of("main", "thread", "thread"), report.arenas().stream().map(HeapArena::kind).toList());
        assertTrue(report.arenas().stream().flatMap(a -> a.heaps().stream()).allMatch(HeapRange::complete));
    }

    @Test
    void everyLiveStringIsInExactlyOneLiveChunkOfGlibcsSize() {
        List<ParkedMemdemo.LiveString> live = demo.liveStrings();
        assertEquals(8, live.size());
        long main = report.arenas().get(0).address();
        for (ParkedMemdemo.LiveString s : live) {
            List<HeapChunk> in = holding(s.address(), s.capacity());
            assertEquals(1, in.size(), s.text());
            assertEquals(s.address(), in.get(0).startAddress(), s.text());
            assertEquals(expectedUsable(s.capacity()), in.get(0).usableSize(), s.text());
            assertEquals(main, in.get(0).arena(), s.text());
        }
    }

    @Test
    void theAlphaThreadsStringsAreInAThreadArena() {
        Set<Long> threadArenas = new HashSet<>();
        report.arenas().stream().filter(a -> a.kind().equals("thread")).forEach(a -> threadArenas.add(a.address()));
        List<long[]> alpha = demo.alphaStrings();
        assertEquals(4, alpha.size());
        for (long[] s : alpha) {
            List<HeapChunk> in = holding(s[0], s[1]);
            assertEquals(1, in.size());
            assertEquals(s[0], in.get(0).startAddress());
            assertEquals(expectedUsable(s[1]), in.get(0).usableSize());
            assertTrue(threadArenas.contains(in.get(0).arena()));
            long heapInfo = in.get(0).chunkAddress() & -(64L << 20);
            assertEquals(in.get(0).arena(), snapshot.memory().readU64(heapInfo).orElseThrow(), "heap_info.ar_ptr");
        }
    }

    @Test
    void theLargeBufferIsOneMmappedChunk() {
        long[] large = demo.large();
        List<HeapChunk> in = holding(large[0], large[1]);
        assertEquals(1, in.size());
        HeapChunk c = in.get(0);
        assertTrue(c.mmapped());
        assertEquals(large[0], c.startAddress());
        long pages = (large[1] + 8 + 15 + 8 + 4095) & ~4095L;
        assertEquals(pages, c.chunkSize());
        assertEquals(pages - 16, c.usableSize());
    }

    @Test
    void thePageAlignedBufferIsOneMmappedChunkAtMemalignsOffset() {
        long[] aligned = demo.aligned();
        assertEquals(0, aligned[0] % 4096);
        List<HeapChunk> in = holding(aligned[0], aligned[1]);
        assertEquals(1, in.size());
        HeapChunk c = in.get(0);
        assertTrue(c.mmapped());
        assertEquals(aligned[0], c.startAddress());
        // _int_memalign asks for the request plus the alignment plus MINSIZE; the user pointer then
        // moves up to the next page, 4080 bytes past the mapping's own chunk header.
        long mapped = (Math.max(32, (aligned[1] + 8 + 15) & ~15L) + 4096 + 32 + 8 + 4095) & ~4095L;
        assertEquals(mapped - 4080, c.chunkSize());
        assertEquals(mapped - 4080 - 16, c.usableSize());
        assertEquals(2, report.totals().mmappedChunks());
    }

    @Test
    void noFreedStringIsInsideALiveChunkThoughTheirBytesAreStillInTheHeap() {
        // glibc overwrites a freed chunk's first 16 bytes (tcache next and key); the rest remains.
        byte[] tail = ("-" + "x".repeat(90)).getBytes(StandardCharsets.US_ASCII);
        long mainHeapStart = report.arenas().get(0).heaps().get(0).start();
        long mainHeapEnd = report.arenas().get(0).top();
        assertTrue(occurrences(mainHeapStart, mainHeapEnd - mainHeapStart, tail) > 0, "freed strings still in the main heap");
        for (HeapChunk c : chunks) {
            if (!c.mmapped()) {
                assertEquals(0, occurrences(c.startAddress(), c.usableSize(), tail), "live chunk at 0x" + Long.toHexString(c.startAddress()));
            }
        }
    }

    private static int occurrences(long address, long length, byte[] pattern) {
        byte[] bytes = new byte[(int) length];
        assertTrue(snapshot.memory().read(address, bytes, 0, bytes.length));
        int n = 0;
        outer:
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            n++;
        }
        return n;
    }

    @Test
    void arenasTopsSystemMemTcachesAndMmapCountsEqualWhatGdbReadsWithLibc6Dbg() {
        GdbMalloc gdb = GdbMalloc.of(demo.executable(), core, dir);
        assertEquals(gdb.arenas, GdbMalloc.arenaLines(report));
        assertEquals(gdb.mmapCount, report.totals().mmappedChunks());
        assertEquals(gdb.mmappedBytes, report.totals().mmappedBytes());
        assertEquals(gdb.sbrkBase, report.arenas().get(0).heaps().get(0).start());
        assertEquals(new HashSet<>(gdb.tcaches), new HashSet<>(report.tcaches()));
    }

    @Test
    void theChunkInGlibcsUnsortedBinIsInNoLiveChunk() {
        GdbMalloc gdb = GdbMalloc.of(demo.executable(), core, dir);
        assertTrue(gdb.unsortedFirst != gdb.unsortedBin, "gdb sees a chunk in main_arena's unsorted bin");
        HeapRange main = report.arenas().get(0).heaps().get(0);
        assertTrue(gdb.unsortedFirst > main.firstChunk() && gdb.unsortedFirst < main.chunksEnd());
        assertEquals(List.of(), holding(gdb.unsortedFirst + 16, 1));
        long[] binned = demo.binnedBlock();
        assertTrue(binned[0] - 16 >= gdb.unsortedFirst && binned[0] < gdb.unsortedFirst + 512 + 16, "the block freed last is that chunk");
    }

    @Test
    void theCheckedSearchWithoutDebugSymbolsFindsTheSameArenasAndChunks() {
        HeapReport searched = HeapWalker.walk(snapshot.memory(), snapshot.mappings(), modules, HeapWalker.DebugSymbols.IGNORE);
        assertEquals("glibc 2.36 main_arena found by a checked search of libc's data (debug symbols not used)", searched.method());
        assertEquals(modules.byFileName("libc.so").orElseThrow().runtimeAddress(
                modules.byFileName("libc.so").orElseThrow().symbol("main_arena").orElseThrow().address()), searched.arenas().get(0).address());
        assertEquals(report.arenas().stream().map(HeapArena::address).toList(), searched.arenas().stream().map(HeapArena::address).toList());
        assertEquals(chunks, listed(searched));
        assertEquals(report.totals(), searched.totals());
    }

    @Test
    void theLiveProcessGivesTheSameChunksAsItsCore() throws Exception {
        try (ProcMemory live = new ProcMemory(demo.pid());
             ProcessModules liveModules = ProcessModules.of(new ProcessSnapshot(0, 0, demo.pid(), "live", "manual", "pid " + demo.pid(),
                     demo.executable(), live.mappings(), List.of(), Map.of(), null, null))) {
            HeapReport fromLive = HeapWalker.walk(live, live.mappings(), liveModules, HeapWalker.DebugSymbols.USE);
            assertEquals(report.method(), fromLive.method());
            assertEquals(report.arenas(), fromLive.arenas());
            assertEquals(chunks, listed(fromLive));
            assertTrue(demo.isAlive());
        }
    }

    @Test
    void aCorruptedChunkSizeStopsItsHeapThereAndTheReportSaysSo() {
        List<Long> addresses = demo.liveStrings().stream().map(ParkedMemdemo.LiveString::address).sorted().toList();
        long corrupted = addresses.get(4) - 16;
        HeapReport r = HeapWalker.walk(new PatchedMemory(snapshot.memory(), corrupted + 8, 0x7fff_fff1L), snapshot.mappings(),
                modules, HeapWalker.DebugSymbols.USE);
        assertEquals(1, r.notes().size(), r.notes().toString());
        assertTrue(r.notes().get(0).contains("chunk at 0x" + Long.toHexString(corrupted) + " has size 0x7ffffff1"), r.notes().get(0));
        HeapRange main = r.arenas().get(0).heaps().get(0);
        assertFalse(main.complete());
        assertEquals(corrupted, main.listedEnd());
        List<HeapChunk> left = listed(r);
        assertTrue(left.stream().allMatch(c -> c.mmapped() || c.arena() != r.arenas().get(0).address() || c.chunkAddress() < corrupted));
        assertEquals(chunks.stream().filter(c -> c.chunkAddress() < corrupted || c.arena() != r.arenas().get(0).address()).toList(), left);
    }

    @Test
    void aCorruptedFastbinLinkListsNoneOfItsArenasChunks() {
        long fastbinHead = snapshot.memory().readU64(report.arenas().get(0).address() + GlibcLayout.STATE_FASTBINS + 6 * 8).orElseThrow();
        assertTrue(fastbinHead != 0, "memdemo leaves freed strings in fastbin 6");
        HeapReport r = HeapWalker.walk(new PatchedMemory(snapshot.memory(), fastbinHead + 16, 0x1234_5670L), snapshot.mappings(),
                modules, HeapWalker.DebugSymbols.USE);
        assertEquals(1, r.notes().size(), r.notes().toString());
        assertTrue(r.notes().get(0).startsWith("arena 0x" + Long.toHexString(r.arenas().get(0).address()) + ": fastbin 6"), r.notes().get(0));
        assertTrue(listed(r).stream().noneMatch(c -> c.arena() == r.arenas().get(0).address()));
        assertTrue(listed(r).stream().anyMatch(HeapChunk::mmapped));
    }

    @Test
    void aTcacheThatNoLongerChecksOutStillHasItsEntriesCountedFreeByTheirTcacheKey() {
        long mainTcache = report.arenas().get(0).heaps().get(0).firstChunk() + 16;
        assertTrue(report.tcaches().contains(mainTcache));
        // counts[4..7] := 0xffff each: more than mp_.tcache_count allows, so it is not taken as a tcache.
        HeapReport r = HeapWalker.walk(new PatchedMemory(snapshot.memory(), mainTcache + 8, -1L), snapshot.mappings(),
                modules, HeapWalker.DebugSymbols.USE);
        assertFalse(r.tcaches().contains(mainTcache));
        assertTrue(r.totals().keyedOutsideTcaches() >= 7, r.totals().toString());
        assertEquals(chunks, listed(r));
    }

    @Test
    void aMainArenaWhoseRingIsBrokenIsNotTrustedAndTheSearchFindsNoOther() {
        long mainArena = report.arenas().get(0).address();
        // next := main_arena + 8, whose own "next" is main_arena.next_free: NULL while no arena is free.
        PatchedMemory broken = new PatchedMemory(snapshot.memory(), mainArena + GlibcLayout.STATE_NEXT, mainArena + 8);
        HeapReport bySymbols = HeapWalker.walk(broken, snapshot.mappings(), modules, HeapWalker.DebugSymbols.USE);
        assertEquals("glibc 2.36 main_arena not found (the arena ring of 0x" + Long.toHexString(mainArena)
                + " leads to 0x0, outside writable memory): heap chunks not listed", bySymbols.method());
        assertFalse(bySymbols.liveChunks().hasNext());
        HeapReport bySearch = HeapWalker.walk(broken, snapshot.mappings(), modules, HeapWalker.DebugSymbols.IGNORE);
        assertEquals("glibc 2.36 main_arena not found (no malloc_state found in the writable data of "
                + modules.byFileName("libc.so").orElseThrow().path() + "): heap chunks not listed", bySearch.method());
        assertEquals(0, bySearch.totals().liveChunks());
    }
}
