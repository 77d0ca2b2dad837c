package dev.rustbin.memory.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.memory.ProcessModules;
import dev.rustbin.memory.ProcessSnapshot;
import dev.rustbin.memory.core.CoreFileReader;
import dev.rustbin.testing.ParkedMemdemo;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A thread arena grown past one 64 MiB heap: its heap_info chain, the fenceposts between heaps, and every block in it. */
class ThreadArenaHeapsTest {

    @TempDir
    Path dir;

    @Test
    void everyBlockOfAnArenaWithSeveralHeapsIsOneLiveChunk() throws Exception {
        try (ParkedMemdemo demo = ParkedMemdemo.start(Map.of(), "spread 700")) {
            Path core = demo.gcore(dir);
            try (ProcessSnapshot snapshot = CoreFileReader.read(core); ProcessModules modules = ProcessModules.of(snapshot)) {
                HeapReport report = HeapWalker.walk(snapshot, modules);
                assertEquals(List.of(), report.notes());
                HeapArena arena = report.arenas().stream().filter(a -> a.heaps().size() > 1).findFirst().orElseThrow();
                assertEquals("thread", arena.kind());
                assertTrue(arena.heaps().stream().allMatch(HeapRange::complete));
                assertEquals(arena.systemMem(), arena.heaps().stream().mapToLong(h -> snapshot.memory().readU64(h.start() + 16).orElseThrow()).sum(),
                        "system_mem is the sum of heap_info.size");

                long[] spread = demo.spreadBlocks();
                long usable = Math.max(32, (spread[0] + 8 + 15) & ~15L) - 8;
                Map<Long, HeapChunk> byStart = new HashMap<>();
                report.forEachLiveChunk(c -> byStart.put(c.startAddress(), c));
                for (int i = 1; i < spread.length; i++) {
                    HeapChunk c = byStart.get(spread[i]);
                    assertEquals(usable, c.usableSize(), "block " + i);
                    assertEquals(arena.address(), c.arena(), "block " + i);
                }
                assertEquals(700, spread.length - 1);
                assertTrue(arena.heaps().stream().allMatch(h -> byStart.values().stream()
                        .anyMatch(c -> c.chunkAddress() >= h.firstChunk() && c.chunkAddress() < h.chunksEnd())), "blocks in every heap");

                GdbMalloc gdb = GdbMalloc.of(demo.executable(), core, dir);
                assertEquals(gdb.arenas, GdbMalloc.arenaLines(report));
            }
            assertTrue(demo.release().contains("done 700"));
        }
    }
}
