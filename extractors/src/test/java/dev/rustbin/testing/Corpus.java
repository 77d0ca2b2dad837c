package dev.rustbin.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the test binaries are: the test-corpus fixtures (built by cargo during the Maven build) and
 * large real-world Rust binaries this project did not build, taken from the Rust toolchain that
 * every machine of ours has (cargo itself, and rustc's 150 MB driver library).
 */
public final class Corpus {

    private Corpus() {
    }

    public static Path fixtures() {
        String dir = System.getProperty("rustbin.corpus");
        if (dir == null) {
            throw new IllegalStateException("system property rustbin.corpus is not set (run the tests through Maven)");
        }
        return Path.of(dir);
    }

    public static Path fixture(String name) {
        Path path = fixtures().resolve(name);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " is missing: build it with test-corpus/build-fixtures.sh");
        }
        return path;
    }

    public static List<Path> demoBinaries() {
        return Stream.of("demo-debug", "demo-release", "demo-release-stripped").map(Corpus::fixture).toList();
    }

    public static Path demoSource() {
        return fixtures().resolve("../../rust/demo/src/main.rs").normalize();
    }

    public static Path sysroot() {
        return Path.of(Tools.run(List.of("rustc", "--print", "sysroot")).strip());
    }

    /** cargo: 42 MB, with debug info and 56k symbols. */
    public static Path cargo() {
        return sysroot().resolve("bin/cargo");
    }

    /** librustc_driver: 150 MB, 186k symbols mixing v0 and legacy mangling. */
    public static Path rustcDriver() {
        try (Stream<Path> files = Files.list(sysroot().resolve("lib"))) {
            return files.filter(p -> p.getFileName().toString().matches("librustc_driver-.*\\.so")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no librustc_driver in " + sysroot()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A prebuilt binary from npm (see test-corpus/fetch-foreign.sh, which the Maven build runs). */
    public static Path foreign(String name) {
        Path path = fixtures().resolve("foreign").resolve(name);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " is missing: fetch it with test-corpus/fetch-foreign.sh");
        }
        return path;
    }

    /** Mach-O files: biome for arm64 and x86_64 (executables), and a universal x86_64 + arm64 dylib. */
    public static List<Path> machOBinaries() {
        return Stream.of("biome-darwin-arm64", "biome-darwin-x64", "rrule-darwin-universal.node").map(Corpus::foreign).toList();
    }

    /**
     * PE files: biome (x86-64 MSVC executable), rollup's windows-gnu DLL, rollup's 32-bit x86 DLL and
     * tailwind's arm64 DLL (both MSVC, with CodeView PDB records).
     */
    public static List<Path> peBinaries() {
        return Stream.of("biome-win32-x64.exe", "rollup-win32-x64-gnu.dll", "rollup-win32-ia32.dll", "tailwind-oxide-win32-arm64.dll")
                .map(Corpus::foreign).toList();
    }

    /** Every binary the cross-checks run on: our fixtures and the real-world ones. */
    public static List<Path> allBinaries() {
        return Stream.concat(demoBinaries().stream(), Stream.of(cargo(), rustcDriver())).toList();
    }
}
