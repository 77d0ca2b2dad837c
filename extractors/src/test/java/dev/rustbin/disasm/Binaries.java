package dev.rustbin.disasm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test-only: where the binaries under test are. */
final class Binaries {

    private Binaries() {}

    /** A fixture built by test-corpus/build-fixtures.sh, found through the surefire property. */
    static Path fixture(String name) {
        String corpus = System.getProperty("rustbin.corpus");
        assertTrue(corpus != null, "system property rustbin.corpus is not set (run the tests through Maven)");
        Path path = Path.of(corpus, name);
        assertTrue(Files.isRegularFile(path), path + " missing: run bash test-corpus/build-fixtures.sh "
                + "test-corpus/target/fixtures");
        return path;
    }

    /** The toolchain's cargo executable: a large real Rust binary present wherever the corpus builds. */
    static Path cargo() throws IOException, InterruptedException {
        Process rustc = new ProcessBuilder("rustc", "--print", "sysroot").redirectErrorStream(true).start();
        String sysroot = new String(rustc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(rustc.waitFor() == 0, "rustc --print sysroot failed: " + sysroot);
        Path path = Path.of(sysroot, "bin", "cargo");
        assertTrue(Files.isRegularFile(path), path + " missing");
        return path;
    }
}
