package dev.rustbin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Readelf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain JDBC program in a fresh JVM with nothing but rustbin-jdbc.jar on its classpath, as
 * DBeaver or a BI tool loads it.
 */
class StandaloneJarTest {

    @TempDir
    static Path work;

    @BeforeAll
    static void compileClient() throws IOException {
        JarClients.compile(work, "Client", """
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
                """, List.of());
    }

    private static String runClient(boolean addOpens, String url, String sql) throws Exception {
        return JarClients.run(addOpens, work, List.of(), "Client", url, sql);
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

    /** Embedded in an application, the jar registers one driver and brings no library under its usual name. */
    @Test
    void oneDriverAndRelocatedLibraries() throws IOException {
        try (JarFile jar = new JarFile(JarClients.JAR.toFile())) {
            String drivers = new String(jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertEquals("dev.rustbin.jdbc.RustbinDriver", drivers.strip());
            List<String> unrelocated = jar.stream().map(e -> e.getName())
                    .filter(n -> n.endsWith(".class"))
                    .filter(n -> n.startsWith("com/google/") || n.startsWith("com/fasterxml/") || n.startsWith("org/apache/commons/")
                            || n.startsWith("org/slf4j/") || n.startsWith("org/eclipse/collections/") || n.startsWith("org/yaml/"))
                    .limit(5).toList();
            assertEquals(List.of(), unrelocated);
            assertTrue(jar.getEntry("dev/rustbin/shaded/com/google/common/collect/ImmutableList.class") != null);
        }
    }
}
