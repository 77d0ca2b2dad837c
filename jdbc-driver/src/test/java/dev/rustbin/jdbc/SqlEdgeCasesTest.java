package dev.rustbin.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.schema.Column;
import dev.rustbin.schema.TableSchema;
import dev.rustbin.schema.Tables;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Tools;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** SQL that users type and that must work (or fail with a message that names the problem). */
class SqlEdgeCasesTest {

    private static Connection open() throws SQLException {
        return DriverManager.getConnection(RustbinDriver.PREFIX + Corpus.fixture("demo-release"));
    }

    /** Every documented column can be named without quotes, alone and in a filter. */
    @Test
    void everyDocumentedColumnWorksUnquoted() throws SQLException {
        List<String> failures = new ArrayList<>();
        try (Connection c = open()) {
            for (TableSchema<?> table : Tables.ALL) {
                for (Column<?> column : table.columns()) {
                    if (table.name().equals("memory_regions") && column.name().equals("timestamp")) {
                        // The SOP's contract name, a reserved word in SQL: the README says to write "timestamp".
                        continue;
                    }
                    String sql = "select " + column.name() + " from " + table.name() + " where " + column.name() + " is null and 1 = 0";
                    try {
                        SqlResults.rows(c, sql);
                    } catch (SQLException e) {
                        failures.add(sql + ": " + e.getMessage().lines().findFirst().orElse(""));
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    /**
     * Long chains of OR'd equalities, as BI tools generate them, on text and on unsigned columns
     * (whose constants once overflowed the generated code's 255 parameters), give the rows nm gives.
     */
    @Test
    void hundredsOfOrdEqualitiesWork() throws SQLException {
        List<String[]> functions = Tools.run(List.of("nm", "--defined-only", Corpus.fixture("demo-release").toString())).lines()
                .map(l -> l.split(" ")).filter(f -> f.length == 3 && "tT".contains(f[1])).toList();
        List<String> names = functions.stream().map(f -> f[2]).distinct().limit(300).toList();
        List<Long> addresses = functions.stream().map(f -> Long.parseLong(f[0], 16)).distinct().limit(400).toList();
        assertEquals(List.of(300, 400), List.of(names.size(), addresses.size()));
        try (Connection c = open()) {
            String byName = names.stream().map(n -> "symbol_name = '" + n + "'").collect(Collectors.joining(" or "));
            assertEquals(300L, ((Number) SqlResults.single(c, "select count(distinct symbol_name) from binary_symbols where " + byName)).longValue());
            String byAddress = addresses.stream().map(a -> "symbol_address = " + a).collect(Collectors.joining(" or "));
            assertEquals(400L, ((Number) SqlResults.single(c, "select count(distinct symbol_address) from binary_symbols where " + byAddress)).longValue());
            // the filtered column need not be selected, and other filters still apply
            assertEquals(List.of(List.of(addresses.get(0).toString())), SqlResults.rows(c, "select distinct cast(symbol_address as varchar(20))"
                    + " from binary_symbols where (" + byAddress + ") and symbol_address <= " + addresses.get(0) + " and symbol_address >= " + addresses.get(0)));
            String instructions = addresses.stream().map(a -> "address = " + a).collect(Collectors.joining(" or "));
            assertEquals(400L, ((Number) SqlResults.single(c, "select count(*) from instructions where " + instructions)).longValue());
        }
    }

    @Test
    void similarToWithABracketExpressionWorksOrNamesThePattern() throws SQLException {
        try (Connection c = open()) {
            Object count = SqlResults.single(c, "select count(*) from binary_sections where section_name similar to '.[a-z]+'");
            long expected = Tools.run(List.of("readelf", "-SW", Corpus.fixture("demo-release").toString())).lines()
                    .filter(l -> l.matches("\\s*\\[\\s*\\d+\\] \\.[a-z]+ .*")).count();
            assertEquals(expected, ((Number) count).longValue());
            Object bracket = SqlResults.single(c, "select count(*) from binary_sections where section_name similar to '.[[:alpha:]]+'");
            assertEquals(expected, ((Number) bracket).longValue());
            SQLException e = assertThrows(SQLException.class,
                    () -> SqlResults.rows(c, "select count(*) from binary_sections where section_name similar to '[_.]%'"));
            assertTrue(e.getMessage().contains("invalid SIMILAR TO pattern '[_.]%'") && e.getMessage().contains("escape")
                    && !e.getMessage().contains("RuntimeException"), e.getMessage());
            // escaped as the message says, the pattern works
            long underscoreOrDot = Tools.run(List.of("readelf", "-SW", Corpus.fixture("demo-release").toString())).lines()
                    .filter(l -> l.matches("\\s*\\[\\s*\\d+\\] [_.].*")).count();
            assertEquals(underscoreOrDot, ((Number) SqlResults.single(c,
                    "select count(*) from binary_sections where section_name similar to '[\\_.]%' escape '\\'")).longValue());
        }
    }
}
