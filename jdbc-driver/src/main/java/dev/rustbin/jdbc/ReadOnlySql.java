package dev.rustbin.jdbc;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * rustbin never writes (nothing the user owns is written to): a statement that would change data or
 * schema is refused with one line that says so, before Calcite answers it with a planner dump.
 */
final class ReadOnlySql {

    private static final Set<String> WRITING = Set.of("insert", "update", "delete", "merge", "upsert", "create", "drop",
            "alter", "truncate", "grant", "revoke");
    /** The first word after leading white space and comments. */
    private static final Pattern FIRST_WORD = Pattern.compile("\\A(?:\\s+|--[^\\n]*(?:\\n|\\z)|/\\*.*?\\*/)*([A-Za-z]+)", Pattern.DOTALL);

    private ReadOnlySql() {
    }

    static void check(String sql) throws SQLException {
        if (sql == null) {
            return;
        }
        Matcher first = FIRST_WORD.matcher(sql);
        if (first.lookingAt() && WRITING.contains(first.group(1).toLowerCase(Locale.ROOT))) {
            throw new SQLException("rustbin is read-only: " + first.group(1).toUpperCase(Locale.ROOT)
                    + " is not supported (query the tables with SELECT)", "25006");
        }
    }
}
