package dev.rustbin.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A binary rewritten, truncated and replaced while queries on every table read it, in a child JVM
 * (a SIGBUS in native code would kill it): no crash and no Error, only answers of one version of
 * the file or errors naming it, and every connection closes without a leak.
 */
class ChangingFileTest {

    @TempDir
    Path dir;

    @Test
    void queriesOnAFileThatChangesUnderThemAnswerOneVersionOrFailNamingIt() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx512m", "-XX:-CreateCoredumpOnCrash",
                "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"), "-cp", classpath, ChangingFileMain.class.getName(),
                dir.toString(), Corpus.fixture("demo-release").toString(), Corpus.fixture("demo-release-stripped").toString(), "12", "15")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // a hang is a failure too; the bound is far beyond the few tens of seconds the child needs
        if (!child.waitFor(10, TimeUnit.MINUTES)) {
            child.destroyForcibly();
        }
        int status = child.waitFor();
        List<String> lines = Files.readAllLines(log);
        String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        assertEquals(0, status, "child JVM exit status (134 is a crash):\n" + tail);
        String summary = lines.get(lines.size() - 1);
        assertTrue(summary.matches("answered \\d+ refused \\d+"), tail);
        String[] counts = summary.split(" ");
        assertTrue(Integer.parseInt(counts[1]) > 0 && Integer.parseInt(counts[3]) > 0,
                "both answers and refusals happened: " + summary);
        assertTrue(lines.stream().anyMatch(l -> l.contains("changed while being read")), "a change was reported as one:\n" + tail);
    }
}
