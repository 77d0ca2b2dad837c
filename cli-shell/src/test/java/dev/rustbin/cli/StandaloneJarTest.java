package dev.rustbin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Readelf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain JDBC program in a fresh JVM with nothing but rustbin-jdbc.jar on its classpath, as
 * DBeaver or a BI tool loads it.
 */
class StandaloneJarTest {

    static final Path JAR = Path.of(System.getProperty("rustbin.jdbc.jar", "../jdbc-driver/target/rustbin-jdbc.jar"));

    @TempDir
    static Path work;

    @BeforeAll
    static void compileClient() throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by 'mvn package' in jdbc-driver");
        Path source = work.resolve("Client.java");
        Files.writeString(source, """
                import java.sql.*;
                public class Client {
                    public static void main(String[] args) throws Exception {
                        try (Connection c = DriverManager.getConnection(args[0]);
                             ResultSet rs = c.createStatement().executeQuery(args[1])) {
                            rs.next();
                            System.out.println(c.getMetaData().getDriverName() + "|" + rs.getString(1));
                        } catch (SQLException e) {
                            System.out.println("SQLException|" + e.getMessage());
                        }
                    }
                }
                """);
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", work.toString(), source.toString()));
    }

    private static String runClient(boolean addOpens, String url, String sql) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (addOpens) {
            command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        }
        command.addAll(List.of("-cp", JAR.toAbsolutePath() + ":" + work, "Client", url, sql));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    @Test
    void plainJdbcClientConnectsAndQueries() throws Exception {
        Path demo = Corpus.fixture("demo-release");
        String out = runClient(true, "jdbc:rustbin:" + demo, "select count(*) from binary_symbols");
        assertEquals("rustbin JDBC Driver|" + Readelf.symbols(demo).size(), out);
    }

    @Test
    void missingJvmFlagIsExplained() throws Exception {
        String out = runClient(false, "jdbc:rustbin:" + Corpus.fixture("demo-release"), "select 1");
        assertTrue(out.startsWith("SQLException|rustbin needs the JVM option --add-opens=java.base/java.nio=ALL-UNNAMED"), out);
    }
}
