package dev.rustbin.memory.reach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.memory.SnapshotRegistry;
import dev.rustbin.memory.SnapshotView;
import dev.rustbin.memory.ptrace.LiveCapture;
import dev.rustbin.testing.ParkedMemdemo;
import dev.rustbin.testing.ValgrindLeaks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A live snapshot of the parked memdemo: every string it holds is reachable, and nothing leaks, as memcheck also says. */
class LiveStringsReachableTest {

    @TempDir
    static Path dir;

    private static ParkedMemdemo demo;
    private static SnapshotRegistry registry;
    private static SnapshotView view;
    private static HeapGraph graph;

    @BeforeAll
    static void snapshotTheParkedDemo() {
        demo = ParkedMemdemo.start();
        registry = new SnapshotRegistry();
        view = registry.add(LiveCapture.capture(demo.pid(), dir, "manual"));
        graph = HeapGraph.of(view);
    }

    @AfterAll
    static void release() {
        registry.close();
        List<String> out = demo.release();
        assertTrue(out.get(out.size() - 1).startsWith("done"), out.toString());
        demo.close();
    }

    @Test
    void everyStringTheThreadsHoldIsReachable() {
        List<Long> held = new ArrayList<>();
        demo.liveStrings().forEach(s -> held.add(s.address()));
        demo.alphaStrings().forEach(s -> held.add(s[0]));
        held.add(demo.large()[0]);
        held.add(demo.aligned()[0]);
        assertEquals(8 + 4 + 2, held.size());
        for (long address : held) {
            assertEquals(Boolean.TRUE, graph.isReachable(address), "0x" + Long.toHexString(address));
        }
    }

    @Test
    void nothingIsUnreachableAndMemcheckFindsNothingLostEither() {
        ValgrindLeaks valgrind = ValgrindLeaks.of("memdemo", "park");
        assertEquals(new ValgrindLeaks.Blocks(0, 0), valgrind.definitelyLost());
        assertEquals(new ValgrindLeaks.Blocks(0, 0), valgrind.indirectlyLost());
        // On failure, the chunks and their first bytes say who allocated them.
        StringBuilder lost = new StringBuilder();
        view.heap().forEachLiveChunk(c -> {
            if (!graph.isReachable(c.startAddress())) {
                byte[] b = new byte[(int) Math.min(64, c.usableSize())];
                view.snapshot().memory().read(c.startAddress(), b, 0, b.length);
                lost.append(c).append(' ').append(HexFormat.of().formatHex(b)).append('\n');
            }
        });
        assertEquals(0, graph.unreachableChunks(), lost.toString());
        assertTrue(view.heap().totals().liveChunks() > 14);
    }

    @Test
    void theMainStringsArePointedToFromOneVecBufferAndThatFromTheMainStack() {
        Set<Long> live = new HashSet<>();
        demo.liveStrings().forEach(s -> live.add(s.address()));
        Set<Long> holders = new HashSet<>();
        graph.references(ReferenceFilter.ALL).forEachRemaining(r -> {
            if (live.contains(r.toStart()) && r.toOffset() == 0 && r.rootKind() == null) {
                holders.add(r.fromStart());
            }
        });
        assertEquals(1, holders.size(), "the Vec<String> buffer");
        long buffer = holders.iterator().next();
        List<HeapReference> toBuffer = new ArrayList<>();
        graph.references(new ReferenceFilter(Optional.empty(), false, 0, -1L)).forEachRemaining(r -> {
            if (r.toStart() == buffer) {
                toBuffer.add(r);
            }
        });
        assertTrue(toBuffer.stream().anyMatch(r -> (r.rootKind() == RootKind.STACK || r.rootKind() == RootKind.REGISTER)
                && r.threadId() == demo.pid()), toBuffer.toString());
    }
}
