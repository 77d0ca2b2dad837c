package dev.rustbin.memory.reach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.memory.SnapshotRegistry;
import dev.rustbin.memory.SnapshotView;
import dev.rustbin.memory.core.CoreFileReader;
import dev.rustbin.memory.heap.HeapArena;
import dev.rustbin.memory.heap.HeapChunk;
import dev.rustbin.testing.ParkedMemdemo;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A heap of 2.5 million live chunks (about 200 MB in five 64 MiB heaps of one thread arena, held
 * by one 60 MB Vec buffer) is marked and its references streamed within the test JVM's heap: the
 * index is primitive arrays, the worklist chunk positions, and memory is read in blocks.
 */
class LargeHeapReachabilityTest {

    private static final int BLOCKS = 2_500_000;
    private static final int BYTES = 64;

    @TempDir
    Path dir;

    @Test
    void everyBlockOfAHeapOfMillionsOfChunksIsReachableAndEachPointerIsListedOnce() {
        try (ParkedMemdemo demo = ParkedMemdemo.start(Map.of(), "spread " + BLOCKS + " " + BYTES);
             SnapshotRegistry registry = new SnapshotRegistry()) {
            SnapshotView view = registry.add(CoreFileReader.read(demo.gcore(dir)));
            HeapGraph graph = HeapGraph.of(view);
            assertEquals(0, graph.unreachableChunks());
            HeapArena spread = view.heap().arenas().stream().filter(a -> a.heaps().size() > 1).findFirst().orElseThrow();
            long usable = Math.max(32, (BYTES + 8 + 15) & ~15L) - 8;
            long[] blocks = new long[1];
            view.heap().forEachLiveChunk(c -> {
                if (c.arena() == spread.address() && c.usableSize() == usable) {
                    blocks[0]++;
                }
            });
            assertTrue(blocks[0] >= BLOCKS, blocks[0] + " blocks");

            // The held Vec's buffer, mmapped on its own, points at each block's start once.
            HeapChunk buffer = view.heap().mmappedChunks().stream().filter(c -> c.usableSize() >= BLOCKS * 24L).findFirst().orElseThrow();
            assertEquals(Boolean.TRUE, graph.isReachable(buffer.startAddress()));
            long[] fromBuffer = new long[1];
            graph.references(new ReferenceFilter(Optional.of(Set.of()), true, buffer.startAddress(), buffer.startAddress()))
                    .forEachRemaining(r -> {
                        assertEquals(buffer.startAddress(), r.fromStart());
                        if (r.toOffset() == 0) {
                            fromBuffer[0]++;
                        }
                    });
            assertEquals(BLOCKS, fromBuffer[0]);
            assertTrue(demo.release().stream().anyMatch(l -> l.equals("done " + BLOCKS)));
        }
    }
}
