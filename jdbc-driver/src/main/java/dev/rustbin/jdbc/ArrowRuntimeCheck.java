package dev.rustbin.jdbc;

import java.sql.SQLException;

/**
 * Arrow's memory layer reads the address field of direct buffers, which JDK 17+ only allows with an
 * --add-opens flag. Without it Arrow fails deep inside a query with an unhelpful error, so the
 * driver checks once, at connect, and says which flag to add.
 */
final class ArrowRuntimeCheck {

    static final String REQUIRED_FLAG = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    private ArrowRuntimeCheck() {
    }

    static void require() throws SQLException {
        try {
            Class.forName("org.apache.arrow.memory.util.MemoryUtil", true, ArrowRuntimeCheck.class.getClassLoader());
        } catch (Throwable e) {
            throw new SQLException("rustbin needs the JVM option " + REQUIRED_FLAG
                    + " (Apache Arrow reads direct buffer addresses); add it to the client's JVM options"
                    + " (DBeaver: a line after -vmargs in dbeaver.ini)", "08001", e);
        }
    }
}
