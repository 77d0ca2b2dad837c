package dev.rustbin.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;

/** Test-only: a separate JVM that compiles a Gandiva filter, so a test can read what reached its stderr. */
public final class GandivaQueryMain {

    private GandivaQueryMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        p.setProperty("gandiva", "always");
        try (Connection c = DriverManager.getConnection(RustbinDriver.PREFIX + args[0], p)) {
            System.out.println(SqlResults.single(c, "select count(*) from binary_symbols where symbol_size > " + args[1]));
        }
    }
}
