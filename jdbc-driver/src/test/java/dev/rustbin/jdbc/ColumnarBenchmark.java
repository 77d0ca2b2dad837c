package dev.rustbin.jdbc;

import java.io.BufferedWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * bench/columnar.sh's measuring half: the mnemonic histogram on a cold table cache (the first
 * query, which fills it) and a warm one, and without the cache; the same instruction queries with
 * Gandiva, with the Java evaluator and with pushdown off, in one JVM (best of N wall times each,
 * so warm-cache figures: the first run fills the cache), the first Gandiva
 * compilation's latency, and, given DuckDB's JDBC jar, the same queries in DuckDB over the same rows.
 * Args: BINARY RUNS [DUCKDB_JAR]
 */
public final class ColumnarBenchmark {

    private static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("selective filter", "select count(*), sum(size) from instructions where mnemonic = 'call' and operands like '%rip%'");
        QUERIES.put("computed projection", "select address, size * 2 + 1, upper(mnemonic) from instructions");
        QUERIES.put("mnemonic histogram", "select mnemonic, count(*) from instructions group by mnemonic");
    }

    private ColumnarBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path binary = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        cacheDir = Files.createTempDirectory("rustbin-bench-cache");
        try {
            run(binary, runs, args);
        } finally {
            try (var files = Files.list(cacheDir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(cacheDir);
        }
    }

    /** A table cache of the benchmark's own, empty at the start, so the first query is a cold one. */
    private static Path cacheDir;

    private static void run(Path binary, int runs, String[] args) throws Exception {
        String histogram = QUERIES.get("mnemonic histogram");
        try (Connection cached = open(binary, "gandiva", "true"); Connection uncached = open(binary, "cache", "false")) {
            double cold = best(cached, histogram, 1);
            double warm = best(cached, histogram, runs);
            double again = best(uncached, histogram, runs);
            System.out.printf("mnemonic histogram, first query (cold cache, fills it) %8.3f s%n", cold);
            System.out.printf("mnemonic histogram, repeated (warm cache)             %8.3f s  (%.3fx the first)%n", warm, warm / cold);
            System.out.printf("mnemonic histogram, repeated with cache=false         %8.3f s%n", again);
        }
        try (Connection gandiva = open(binary, "gandiva", "always")) {
            long start = System.nanoTime();
            consume(gandiva, "select count(*) from binary_sections where size > 12345 and section_name <> 'x'");
            System.out.printf("first Gandiva query (JIT start-up and one compilation): %.3f s%n", (System.nanoTime() - start) / 1e9);
        }
        Map<String, Connection> modes = new LinkedHashMap<>();
        modes.put("gandiva", open(binary, "gandiva", "always"));
        modes.put("java", open(binary, "gandiva", "false"));
        modes.put("pushdown off", open(binary, "pushdown", "false"));
        for (var query : QUERIES.entrySet()) {
            for (var mode : modes.entrySet()) {
                System.out.printf("%-20s %-13s %8.3f s%n", query.getKey(), mode.getKey(), best(mode.getValue(), query.getValue(), runs));
            }
        }
        if (args.length > 2) {
            duckdb(modes.get("gandiva"), Path.of(args[2]), runs);
        }
        for (Connection c : modes.values()) {
            c.close();
        }
    }

    private static Connection open(Path binary, String property, String value) throws SQLException {
        Properties p = new Properties();
        p.setProperty("cache_dir", cacheDir.toString());
        p.setProperty(property, value);
        return DriverManager.getConnection(RustbinDriver.PREFIX + binary, p);
    }

    private static double best(Connection c, String sql, int runs) throws SQLException {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            consume(c, sql);
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return best;
    }

    private static long consume(Connection c, String sql) throws SQLException {
        long cells = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    cells += rs.getObject(i) == null ? 0 : 1;
                }
            }
        }
        return cells;
    }

    /** The instructions' columns the queries read, exported once to CSV and loaded into an in-memory DuckDB. */
    private static void duckdb(Connection rustbin, Path jar, int runs) throws Exception {
        Path csv = Files.createTempFile("rustbin-instructions", ".csv");
        try {
            try (BufferedWriter out = Files.newBufferedWriter(csv); Statement s = rustbin.createStatement();
                 ResultSet rs = s.executeQuery("select address, size, mnemonic, operands from instructions")) {
                out.write("address,size,mnemonic,operands\n");
                while (rs.next()) {
                    out.write(rs.getBigDecimal(1) + "," + rs.getInt(2) + ",\"" + rs.getString(3) + "\",\""
                            + rs.getString(4).replace("\"", "\"\"") + "\"\n");
                }
            }
            URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ColumnarBenchmark.class.getClassLoader());
            Driver driver = (Driver) Class.forName("org.duckdb.DuckDBDriver", true, loader).getDeclaredConstructor().newInstance();
            try (Connection duck = driver.connect("jdbc:duckdb:", new Properties()); Statement s = duck.createStatement()) {
                s.execute("create table instructions as select * from read_csv('" + csv + "', header = true, "
                        + "columns = {'address': 'UBIGINT', 'size': 'INTEGER', 'mnemonic': 'VARCHAR', 'operands': 'VARCHAR'})");
                for (var query : QUERIES.entrySet()) {
                    System.out.printf("%-20s %-13s %8.3f s%n", query.getKey(), "duckdb", best(duck, query.getValue(), runs));
                }
            }
        } finally {
            Files.deleteIfExists(csv);
        }
    }
}
