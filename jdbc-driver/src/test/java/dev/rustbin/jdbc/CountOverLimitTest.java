package dev.rustbin.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rustbin.testing.Corpus;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

/** Aggregates over a subquery with a limit and no order, where the scan needs no column, count the limited rows. */
class CountOverLimitTest {

    private static long count(Connection c, String sql) throws Exception {
        return ((Number) SqlResults.single(c, sql)).longValue();
    }

    @Test
    void countOfALimitedSubqueryIsTheLimit() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:rustbin:" + Corpus.fixture("demo-release"))) {
            for (String table : new String[] {"binary_symbols", "binary_sections", "instructions"}) {
                assertEquals(10, count(c, "select count(*) from (select * from " + table + " limit 10)"), table);
                assertEquals(10, count(c, "select count(path) from (select path from " + table + " limit 10)"), table);
            }
            long large = count(c, "select count(*) from binary_symbols where symbol_size > 1000");
            assertEquals(Math.min(large, 5), count(c, "select count(*) from (select symbol_name from binary_symbols where symbol_size > 1000 limit 5)"));
            assertEquals(3, count(c, "select count(*) from (select symbol_name, symbol_size from binary_symbols limit 3)"));
        }
    }
}
