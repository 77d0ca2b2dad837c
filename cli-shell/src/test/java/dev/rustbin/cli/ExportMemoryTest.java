package dev.rustbin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.Corpus;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The instructions of cargo (about 5.7 M rows) exported to Parquet by the shell in a JVM of its own
 * with a 128 MB heap, far less than the rows would take if held (5.7 M mnemonic strings alone need
 * more), and with the classpath the launcher gives it: rustbin-jdbc.jar, the shell and the libraries
 * its jar carries, no Hadoop. DuckDB then counts the rows rustbin counts.
 */
class ExportMemoryTest {

    private static final String HEAP = "-Xmx128m";

    @TempDir
    Path dir;

    @Test
    void instructionsOfABigBinaryStreamIntoParquetInABoundedHeap() throws Exception {
        Path cargo = Corpus.cargo();
        Path file = dir.resolve("instructions.parquet");
        List<String> classpath = new ArrayList<>(List.of(JarClients.JAR.toString(), Path.of("target/classes").toAbsolutePath().toString()));
        classpath.addAll(JarClients.testClasspathJars(jar -> jar.matches(
                ".*/(org/apache/parquet/|org/locationtech/jts/|commons-pool/commons-pool/|org/slf4j/slf4j-(api|nop)/1\\.7\\.).*")));
        assertFalse(classpath.stream().anyMatch(jar -> jar.contains("/org/apache/hadoop/")), classpath.toString());
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", HEAP, "-XX:+UseSerialGC", "-cp", String.join(File.pathSeparator, classpath),
                RustbinShell.class.getName(), cargo.toString(), "-f", "parquet", "-o", file.toString(),
                "-e", "select address, mnemonic from instructions");
        Process shell = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(shell.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(shell.waitFor(5, TimeUnit.MINUTES), "export still running");
        assertEquals(0, shell.exitValue(), err);
        assertEquals("", err, "no warning, no error");

        long[] ours = countAndMax(DriverManager.getConnection("jdbc:rustbin:", paths(cargo)),
                "select count(*), max(address) from instructions");
        long[] duck = countAndMax(DriverManager.getConnection("jdbc:duckdb:"), "select count(*), max(address) from '" + file + "'");
        assertTrue(ours[0] > 5_000_000, "cargo has millions of instructions: " + ours[0]);
        assertEquals(ours[0], duck[0], "rows");
        assertEquals(ours[1], duck[1], "the last address");
    }

    private static Properties paths(Path binary) {
        Properties properties = new Properties();
        properties.setProperty("paths", binary.toString());
        return properties;
    }

    private static long[] countAndMax(Connection connection, String sql) throws Exception {
        try (connection; Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next());
            return new long[] {rows.getLong(1), rows.getLong(2)};
        }
    }
}
