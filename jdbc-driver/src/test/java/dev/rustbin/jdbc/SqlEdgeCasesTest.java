package dev.rustbin.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rustbin.schema.Column;
import dev.rustbin.schema.TableSchema;
import dev.rustbin.schema.Tables;
import dev.rustbin.testing.Corpus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
}
