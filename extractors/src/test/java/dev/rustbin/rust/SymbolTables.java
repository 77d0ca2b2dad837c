package dev.rustbin.rust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Symbol names of real binaries, read with binutils {@code nm} from .symtab and .dynsym, and the
 * external tools the tests compare against. Results are cached: several test classes read the
 * same 165k-symbol library.
 */
final class SymbolTables {
    private static final Map<Path, List<String>> NAMES = new ConcurrentHashMap<>();
    private static final long TIMEOUT_SECONDS = 120;

    private SymbolTables() {
    }

    /** The fixture binaries test-corpus/build-fixtures.sh built (listed in its fixtures.txt). */
    static List<Path> corpusBinaries() {
        String dir = System.getProperty("rustbin.corpus");
        assertTrue(dir != null, "system property rustbin.corpus is not set");
        Path fixtures = Path.of(dir, "fixtures.txt");
        assertTrue(Files.isRegularFile(fixtures),
                "no " + fixtures + ": run bash test-corpus/build-fixtures.sh test-corpus/target/fixtures");
        List<Path> binaries = new ArrayList<>();
        for (String line : readLines(fixtures)) {
            if (!line.isBlank()) {
                binaries.add(Path.of(dir, line.strip()));
            }
        }
        return binaries;
    }

    static Path corpusBinary(String name) {
        return corpusBinaries().stream().filter(p -> p.getFileName().toString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("fixture " + name + " is not listed in fixtures.txt"));
    }

    /** Cargo of the installed stable toolchain: a large Rust binary this project did not build. */
    static Path cargo() {
        return toolchain().resolve("bin/cargo");
    }

    /** The rustc driver library of the installed toolchain (~165k symbols, mostly v0). */
    static Path rustcDriver() {
        try (var libs = Files.newDirectoryStream(toolchain().resolve("lib"), "librustc_driver-*.so")) {
            for (Path lib : libs) {
                return lib;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no librustc_driver-*.so in " + toolchain().resolve("lib"));
    }

    private static Path toolchain() {
        List<String> sysroot = run(List.of("rustc", "--print", "sysroot"), List.of());
        assertEquals(1, sysroot.size(), "rustc --print sysroot printed " + sysroot);
        return Path.of(sysroot.get(0));
    }

    /** All symbol names of .symtab and .dynsym (without nm's @VERSION additions), in nm's order. */
    static List<String> names(Path binary) {
        return NAMES.computeIfAbsent(binary, b -> {
            List<String> names = new ArrayList<>();
            for (String table : List.of("--debug-syms", "--dynamic")) {
                for (String name : run(List.of("nm", table, "--just-symbols", "--without-symbol-versions",
                        b.toString()), List.of())) {
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
            return List.copyOf(names);
        });
    }

    /**
     * Runs a command with {@code input} as stdin lines and returns its stdout lines; it must exit 0
     * within {@link #TIMEOUT_SECONDS}, or it is killed.
     */
    static List<String> run(List<String> command, List<String> input) {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            CompletableFuture.delayedExecutor(TIMEOUT_SECONDS, TimeUnit.SECONDS).execute(process::destroyForcibly);
            // Written from another thread: a tool that streams its output would otherwise block us both.
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try (BufferedWriter stdin = new BufferedWriter(
                        new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), 1 << 16)) {
                    for (String line : input) {
                        stdin.write(line);
                        stdin.write('\n');
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            List<String> output = new ArrayList<>();
            try (BufferedReader stdout = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
                for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
                    output.add(line);
                }
            }
            writing.join();
            assertEquals(0, process.waitFor(), String.join(" ", command) + " failed or timed out");
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
