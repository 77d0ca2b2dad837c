package dev.rustbin.calcite.gandiva;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.schema.Column;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.gandiva.evaluator.Filter;
import org.apache.arrow.gandiva.expression.TreeBuilder;
import org.junit.jupiter.api.Test;

/** The compiled-filter cache with real Gandiva filters: hits, LRU eviction, and closing only when no query holds one. */
class CompiledCacheTest {

    private final List<Filter> closed = new ArrayList<>();

    private static ColumnExpr sizeAbove(int bound) {
        ColumnExpr.Field size = new ColumnExpr.Field(0, "size", Column.INT32, false, false);
        return new ColumnExpr.Call("greater_than", List.of(size, new ColumnExpr.Literal(bound, Column.INT32)), ColumnExpr.BOOL);
    }

    private CompiledCache<ColumnExpr, Filter>.Lease acquire(CompiledCache<ColumnExpr, Filter> cache, ColumnExpr expr) throws Exception {
        CompactExpr compact = CompactExpr.of(expr);
        return cache.acquire(compact.expr(),
                e -> NativeStderr.silenced(() -> Filter.make(compact.schema(), TreeBuilder.makeCondition(TreeNodes.of(e)))));
    }

    @Test
    void evictsTheLeastRecentlyUsedAndClosesItOnceReleased() throws Exception {
        CompiledCache<ColumnExpr, Filter> cache = new CompiledCache<>(2, f -> {
            closed.add(f);
            f.close();
        });
        var first = acquire(cache, sizeAbove(1));
        var again = acquire(cache, sizeAbove(1));
        assertSame(first.get(), again.get(), "the same expression compiles once");
        assertEquals(1, cache.compilations());
        again.close();

        acquire(cache, sizeAbove(2)).close();
        acquire(cache, sizeAbove(3)).close();
        assertEquals(2, cache.size());
        assertFalse(cache.contains(CompactExpr.of(sizeAbove(1)).expr()), "the least recently used entry is evicted");
        assertTrue(closed.isEmpty(), "an evicted filter a query still holds stays open");
        assertEquals(3, cache.live());

        first.close();
        assertEquals(List.of(first.get()), closed);
        assertEquals(2, cache.live());

        acquire(cache, sizeAbove(2)).close();
        assertEquals(3, cache.compilations(), "a hit compiles nothing");
        cache.clear();
        assertEquals(0, cache.live());
        assertEquals(3, closed.size());
    }
}
