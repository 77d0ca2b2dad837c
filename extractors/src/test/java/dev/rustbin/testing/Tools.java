package dev.rustbin.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the independent tools (readelf, nm, ...) that the tests compare rustbin against. */
public final class Tools {

    private Tools() {
    }

    /** Standard output of a command that must succeed within two minutes. */
    public static String run(List<String> command) {
        try {
            Path out = Files.createTempFile("rustbin-tool", ".out");
            try {
                Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(command + " timed out");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(command + " exited with " + process.exitValue());
                }
                try (InputStream in = Files.newInputStream(out)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
