package dev.rustbin.memory.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The live-allocation map against java.util.HashMap, under the churn of a real allocator: reused addresses, growth, removals. */
class LiveAllocationsTest {

    @Test
    void agreesWithAHashMapThroughGrowthAndRemovals() {
        LiveAllocations live = new LiveAllocations();
        Map<Long, long[]> oracle = new HashMap<>();
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            // 16-byte aligned pointers in a small range, so addresses are reused as malloc reuses them; a
            // quarter of the misses free a block never allocated (allocated before tracking began).
            long pointer = 0x5555_0000_0000L + 16L * random.nextInt(60_000);
            if (oracle.containsKey(pointer) || random.nextInt(4) == 0) {
                assertEquals(oracle.remove(pointer) != null, live.remove(pointer));
            } else {
                live.put(pointer, i, i % 977);
                oracle.put(pointer, new long[] {i, i % 977});
            }
            if (i % 20_000 == 0) {
                assertSame(oracle, live);
            }
        }
        assertSame(oracle, live);
        assertEquals(-1, live.find(0x1234));
    }

    private static void assertSame(Map<Long, long[]> oracle, LiveAllocations live) {
        assertEquals(oracle.size(), live.count());
        for (Map.Entry<Long, long[]> e : oracle.entrySet()) {
            int slot = live.find(e.getKey());
            assertEquals(e.getValue()[0], live.sizeAt(slot));
            assertEquals(e.getValue()[1], live.traceAt(slot));
        }
    }
}
