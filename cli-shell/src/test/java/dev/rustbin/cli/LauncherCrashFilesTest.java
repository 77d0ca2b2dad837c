package dev.rustbin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.Corpus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the JVM behind ./rustbin crashes, its report lands in rustbin's own directory, not in the
 * user's working directory. The crash is real: an out-of-memory error with -XX:+CrashOnOutOfMemoryError.
 * The launcher runs from a copy of the project root holding the two jars it starts.
 */
class LauncherCrashFilesTest {

    @TempDir
    Path dir;

    @Test
    void aCrashReportGoesToRustbinsDirectoryNotTheWorkingDirectory() throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Files.copy(Path.of("../rustbin"), root.resolve("rustbin"));
        Files.createDirectories(root.resolve("jdbc-driver/target"));
        Files.createSymbolicLink(root.resolve("jdbc-driver/target/rustbin-jdbc.jar"), JarClients.JAR);
        Files.createDirectories(root.resolve("cli-shell/target"));
        jar(Path.of("target/classes").toAbsolutePath(), root.resolve("cli-shell/target/rustbin-cli.jar"));
        Path work = Files.createDirectory(dir.resolve("work"));
        Path cache = dir.resolve("cache");

        ProcessBuilder launcher = new ProcessBuilder("bash", root.resolve("rustbin").toString(),
                Corpus.fixture("demo-release").toString(), "-e", "select count(*) from binary_symbols")
                .directory(work.toFile()).redirectErrorStream(true);
        launcher.environment().put("XDG_CACHE_HOME", cache.toString());
        launcher.environment().put("JAVA_TOOL_OPTIONS", "-XX:+CrashOnOutOfMemoryError -Xmx8m");
        Process run = launcher.start();
        String output = new String(run.getInputStream().readAllBytes());
        assertNotEquals(0, run.waitFor(), output);

        assertEquals(List.of(), list(work), "nothing written to the working directory");
        List<Path> reports = list(cache.resolve("rustbin/crashes"));
        assertTrue(!reports.isEmpty() && reports.stream().allMatch(p -> p.getFileName().toString().matches("hs_err_pid\\d+\\.log")),
                "crash reports in rustbin's directory: " + reports + "\n" + output);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> entries = Files.walk(classes)) {
            for (Path entry : (Iterable<Path>) entries.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(entry).toString()));
                Files.copy(entry, out);
                out.closeEntry();
            }
        }
    }
}
