package dev.rustbin.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.calcite.gandiva.GandivaFilter;
import dev.rustbin.testing.Corpus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;

/**
 * 1,000 Gandiva-filtered queries in one JVM over 100 distinct predicates in random order: compiled
 * filters are reused across connections, evicted ones are closed (the number of live native modules
 * stays within the cache's bound), every result equals Calcite's, and no Arrow byte is left allocated.
 */
class CompiledFilterCacheTest {

    private static Connection open(String property, String value) throws SQLException {
        Properties p = new Properties();
        p.setProperty(property, value);
        return DriverManager.getConnection(RustbinDriver.PREFIX + Corpus.fixture("demo-debug"), p);
    }

    private static String query(int bound) {
        return "select count(*) from binary_symbols where symbol_size > " + bound + " and symbol_type = 'function'";
    }

    @Test
    void thousandQueriesReuseCompiledFiltersAndLeakNothing() throws SQLException {
        Map<Integer, Long> expected = new HashMap<>();
        try (Connection off = open("pushdown", "false")) {
            for (int bound = 0; bound < 100; bound++) {
                expected.put(bound, ((Number) SqlResults.single(off, query(bound))).longValue());
            }
        }
        assertTrue(expected.get(0) > expected.get(99), "the bounds select different rows");
        long compilationsBefore = GandivaFilter.CACHE.compilations();
        Random random = new Random(7);
        for (int connection = 0; connection < 4; connection++) {
            try (Connection c = open("gandiva", "always")) {
                BufferAllocator allocator = SqlResults.allocatorOf(c);
                for (int q = 0; q < 250; q++) {
                    int bound = random.nextInt(100);
                    assertEquals(expected.get(bound), ((Number) SqlResults.single(c, query(bound))).longValue(), query(bound));
                    assertEquals(0, allocator.getAllocatedMemory(), "Arrow bytes left after " + query(bound));
                }
            }
        }
        long compiled = GandivaFilter.CACHE.compilations() - compilationsBefore;
        assertTrue(compiled >= 100 && compiled < 1000, "100 predicates, a cache of 64: some hits, some recompilations; compiled " + compiled);
        assertTrue(GandivaFilter.CACHE.live() <= 64, "live native filters: " + GandivaFilter.CACHE.live());
        assertEquals(GandivaFilter.CACHE.size(), GandivaFilter.CACHE.live(), "every evicted filter is closed once released");
    }
}
