package dev.rustbin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.tools.ToolProvider;

/**
 * Test-only: JDBC clients in a fresh JVM whose classpath holds rustbin-jdbc.jar and nothing of this
 * build's classes, as DBeaver, sqlline or SchemaCrawler load the driver.
 */
final class JarClients {

    static final Path JAR = Path.of(System.getProperty("rustbin.jdbc.jar", "../jdbc-driver/target/rustbin-jdbc.jar"))
            .toAbsolutePath();

    private JarClients() {
    }

    /** The jars of this test's own classpath whose path matches, e.g. a third-party client and its libraries. */
    static List<String> testClasspathJars(Predicate<String> wanted) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar") && wanted.test(entry)).toList();
    }

    /** Compiles {@code source} (one public class) into {@code dir} against {@code classpath}. */
    static void compile(Path dir, String className, String source, List<String> classpath) throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by 'mvn package' in jdbc-driver");
        Path file = Files.writeString(dir.resolve(className + ".java"), source);
        List<String> args = new ArrayList<>(List.of("-d", dir.toString(), file.toString()));
        if (!classpath.isEmpty()) {
            args.addAll(0, List.of("-cp", String.join(File.pathSeparator, classpath)));
        }
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)));
    }

    /** Runs {@code mainClass} with the jar, {@code classpath} and {@code dir} on the classpath; its stdout. */
    static String run(boolean addOpens, Path dir, List<String> classpath, String mainClass, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (addOpens) {
            command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        }
        List<String> path = new ArrayList<>(List.of(JAR.toString(), dir.toString()));
        path.addAll(classpath);
        command.addAll(List.of("-cp", String.join(File.pathSeparator, path), mainClass));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "client still running");
        return out.strip();
    }
}
