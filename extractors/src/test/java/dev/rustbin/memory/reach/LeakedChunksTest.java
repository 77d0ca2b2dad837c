package dev.rustbin.memory.reach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.memory.ProcessModules;
import dev.rustbin.memory.SnapshotRegistry;
import dev.rustbin.memory.SnapshotView;
import dev.rustbin.memory.core.CoreFileReader;
import dev.rustbin.memory.heap.HeapChunk;
import dev.rustbin.testing.ParkedProgram;
import dev.rustbin.testing.ValgrindLeaks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * allocdemo's leaks on a gcore core: the chunks no pointer chain reaches are exactly the blocks
 * valgrind's memcheck reports definitely lost for the same program, and what the program keeps
 * through a static is reachable, through the pointers it holds.
 */
class LeakedChunksTest {

    @TempDir
    static Path dir;

    private static ParkedProgram demo;
    private static SnapshotRegistry registry;
    private static SnapshotView view;
    private static HeapGraph graph;
    private static ValgrindLeaks valgrind;

    @BeforeAll
    static void snapshotAllocdemo() {
        demo = ParkedProgram.start("allocdemo", Map.of(), "sites");
        registry = new SnapshotRegistry();
        view = registry.add(CoreFileReader.read(demo.gcore(dir)));
        graph = HeapGraph.of(view);
        valgrind = ValgrindLeaks.of("allocdemo", "sites");
    }

    @AfterAll
    static void release() {
        registry.close();
        assertTrue(demo.release().contains("done"));
        demo.close();
    }

    /** glibc's request2size for a request of {@code n} bytes, and what malloc_usable_size then says. */
    private static long usableFor(long n) {
        return Math.max(32, (n + 8 + 15) & ~15L) - 8;
    }

    private static List<HeapChunk> unreachable() {
        List<HeapChunk> found = new ArrayList<>();
        view.heap().forEachLiveChunk(c -> {
            if (!graph.isReachable(c.startAddress())) {
                found.add(c);
            }
        });
        return found;
    }

    private static long[] kept() {
        String[] addresses = demo.field("kept").split(" at ")[1].split(",");
        return Arrays.stream(addresses).mapToLong(a -> Long.parseUnsignedLong(a.substring(2), 16)).toArray();
    }

    @Test
    void theUnreachableChunksAreTheBlocksValgrindReportsDefinitelyLost() {
        assertEquals(new ValgrindLeaks.Blocks(30_000, 5), valgrind.definitelyLost(), "valgrind's view of allocdemo sites");
        assertEquals(0, valgrind.indirectlyLost().blocks());
        assertEquals(0, valgrind.possiblyLost().blocks(), "no block is held by interior pointers only");
        List<HeapChunk> lost = unreachable();
        assertEquals(valgrind.definitelyLost().blocks() + valgrind.indirectlyLost().blocks(), lost.size(), lost.toString());
        assertEquals(lost.size(), graph.unreachableChunks());
        assertEquals(lost.stream().mapToLong(HeapChunk::usableSize).sum(), graph.unreachableBytes());
        // Each loss record is one block here: malloc gave each request of N bytes a chunk of usableFor(N).
        List<Long> expected = new ArrayList<>();
        for (ValgrindLeaks.Blocks record : valgrind.definiteRecords()) {
            assertEquals(0, record.bytes() % record.blocks(), record.toString());
            for (long i = 0; i < record.blocks(); i++) {
                expected.add(usableFor(record.bytes() / record.blocks()));
            }
        }
        assertEquals(expected.stream().sorted().toList(), lost.stream().map(HeapChunk::usableSize).sorted().toList());
        assertEquals(valgrind.definitelyLost().bytes(), valgrind.definiteRecords().stream().mapToLong(ValgrindLeaks.Blocks::bytes).sum());
    }

    @Test
    void theLostChunksHoldWhatTheLeakingThreadWroteAndComeFromItsArena() {
        Set<Integer> fills = new HashSet<>();
        long mainArena = view.heap().arenas().get(0).address();
        for (HeapChunk c : unreachable()) {
            byte[] bytes = new byte[6000];
            assertTrue(view.snapshot().memory().read(c.startAddress(), bytes, 0, bytes.length));
            Set<Byte> distinct = new HashSet<>();
            for (byte b : bytes) {
                distinct.add(b);
            }
            assertEquals(1, distinct.size(), "a leaked block is filled with one byte");
            fills.add(bytes[0] & 0xff);
            assertTrue(c.arena() != mainArena, "allocated by the leaking thread, in a thread arena");
        }
        assertEquals(Set.of(0x1e, 0x1f, 0x1c, 0x1d, 0x1a), fills);
    }

    @Test
    void whatTheProgramKeepsIsReachable() {
        long[] kept = kept();
        assertEquals(10, kept.length);
        for (long k : kept) {
            assertEquals(Boolean.TRUE, graph.isReachable(k), "kept block 0x" + Long.toHexString(k));
        }
        long grown = Long.parseUnsignedLong(demo.field("grown").split(" ")[2].substring(2), 16);
        assertEquals(Boolean.TRUE, graph.isReachable(grown));
        assertEquals(null, graph.isReachable(kept[0] + 16), "not the start of a live chunk");
    }

    @Test
    void theKeptBlocksArePointedToByTheKeptVecsBufferWhichAStaticPointsTo() {
        Set<Long> kept = Arrays.stream(kept()).boxed().collect(Collectors.toSet());
        List<HeapReference> toKept = new ArrayList<>();
        graph.references(ReferenceFilter.ALL).forEachRemaining(r -> {
            if (kept.contains(r.toStart())) {
                toKept.add(r);
            }
        });
        assertEquals(10, toKept.size(), toKept.toString());
        assertTrue(toKept.stream().allMatch(r -> r.toOffset() == 0 && r.rootKind() == null), toKept.toString());
        Set<Long> buffers = toKept.stream().map(HeapReference::fromStart).collect(Collectors.toSet());
        assertEquals(1, buffers.size(), "one Vec buffer holds them all");
        long buffer = buffers.iterator().next();
        // Vec<Vec<u8>>: 24 bytes per element, one pointer in each.
        assertEquals(Set.of(0L, 24L, 48L, 72L, 96L, 120L, 144L, 168L, 192L, 216L),
                toKept.stream().map(r -> r.fromOffset() - toKept.stream().mapToLong(HeapReference::fromOffset).min().orElseThrow())
                        .collect(Collectors.toSet()));

        List<HeapReference> toBuffer = new ArrayList<>();
        graph.references(ReferenceFilter.ALL).forEachRemaining(r -> {
            if (r.toStart() == buffer) {
                toBuffer.add(r);
            }
        });
        HeapReference fromStatic = toBuffer.stream().filter(r -> r.rootKind() == RootKind.STATIC).findFirst()
                .orElseThrow(() -> new AssertionError(toBuffer.toString()));
        ProcessModules.Module exe = view.modules().moduleAt(fromStatic.fromAddress()).orElseThrow();
        assertTrue(exe.path().toString().endsWith("/allocdemo"), exe.path().toString());
        String symbol = exe.symbolAt(exe.staticAddress(fromStatic.fromAddress())).orElseThrow().symbol().name();
        assertTrue(symbol.contains("KEPT"), symbol);
    }

    @Test
    void interiorPointersFindTheirChunkAndPointersPastItsUsableBytesDoNot() {
        ChunkIndex index = graph.index();
        for (long k : kept()) {
            int chunk = index.indexOfStart(k);
            assertTrue(chunk >= 0);
            assertEquals(usableFor(4000), index.usableSize(chunk));
            assertEquals(chunk, index.indexOf(k + 1));
            assertEquals(chunk, index.indexOf(k + 3999));
            assertEquals(chunk, index.indexOf(index.end(chunk) - 1));
            assertTrue(index.indexOf(index.end(chunk)) != chunk);
            assertTrue(index.indexOf(k - 1) != chunk, "the chunk header is not the chunk's");
        }
        assertEquals(-1, index.indexOf(0));
        assertEquals(-1, index.indexOf(-1L));
    }

    @Test
    void threadLocalRootsHoldTheMainTcacheAndTheExitedThreadsCachedDescriptorItsDtv() {
        List<HeapReference> tls = new ArrayList<>();
        graph.references(new ReferenceFilter(Optional.of(Set.of(RootKind.TLS)), false, 0, -1L)).forEachRemaining(tls::add);
        // libc's thread-local tcache pointer, in the main thread's static TLS (ld.so's early mapping).
        long mainTcache = view.heap().tcaches().get(0);
        assertTrue(tls.stream().anyMatch(r -> r.toStart() == mainTcache && r.toOffset() == 0 && Long.valueOf(demo.pid()).equals(r.threadId())),
                tls.toString());
        // The leaking thread exited; glibc keeps its stack and descriptor for reuse, whose dtv pointer memcheck sees.
        List<HeapReference> exited = tls.stream().filter(r -> r.threadId() == null).toList();
        assertEquals(1, exited.size(), tls.toString());
        assertEquals(Boolean.TRUE, graph.isReachable(exited.get(0).toStart()));
        assertEquals(view.heap().arenas().get(0).address(), chunkAt(exited.get(0).toStart()).arena(), "allocated by pthread_create in main");
    }

    private static HeapChunk chunkAt(long start) {
        List<HeapChunk> found = new ArrayList<>();
        view.heap().forEachLiveChunk(c -> {
            if (c.startAddress() == start) {
                found.add(c);
            }
        });
        assertEquals(1, found.size());
        return found.get(0);
    }
}
