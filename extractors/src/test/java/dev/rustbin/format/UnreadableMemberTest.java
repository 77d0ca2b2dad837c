package dev.rustbin.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rustbin.testing.Corpus;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file of a directory that the user may not read is listed with its error, not skipped. Root
 * reads every file, so the listing runs in a child JVM as user nobody (setpriv), on a copy of the
 * test class path that nobody can read.
 */
class UnreadableMemberTest {

    @TempDir
    Path dir;

    @Test
    void aFileTheUserMayNotReadIsListedWithItsError() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path binaries = Files.createDirectory(dir.resolve("binaries"));
        Files.copy(Corpus.fixture("demo-release-stripped"), binaries.resolve("readable"));
        Path secret = Files.copy(Corpus.fixture("demo-release-stripped"), binaries.resolve("secret"));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("-w-------"));
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", readableCopyOfClassPath(), DirectoryListingMain.class.getName(),
                binaries.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());
        assertEquals(0, child.waitFor(), output);
        assertEquals("readable\tnull\nsecret\t" + secret + ": permission denied\n", output);
    }

    private String readableCopyOfClassPath() throws Exception {
        Path copies = Files.createDirectory(dir.resolve("classpath"));
        List<String> entries = new ArrayList<>();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        int i = 0;
        for (String entry : classpath.split(File.pathSeparator)) {
            Path source = Path.of(entry);
            Path copy = copies.resolve(i++ + "-" + source.getFileName());
            if (Files.isDirectory(source)) {
                try (var files = Files.walk(source)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Files.copy(file, copy.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            } else if (Files.isRegularFile(source)) {
                Files.copy(source, copy);
            }
            entries.add(copy.toString());
        }
        try (var files = Files.walk(copies)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(Files.isDirectory(file) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
