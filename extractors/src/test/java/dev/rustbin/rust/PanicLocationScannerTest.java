package dev.rustbin.rust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryOpener;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Panic locations against the demo's source lines, readelf's relocations, and real-world binaries. */
class PanicLocationScannerTest {

    /** 1-based numbers of the source lines that contain {@code needle}. */
    private static Set<Integer> linesContaining(Path source, String needle) throws IOException {
        List<String> lines = Files.readAllLines(source);
        return IntStream.range(0, lines.size()).filter(i -> lines.get(i).contains(needle)).mapToObj(i -> i + 1)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<Integer> linesOf(List<PanicLocation> locations, String file) {
        return locations.stream().filter(l -> l.file().equals(file)).map(PanicLocation::line).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void demoPanicSitesAreTheSourcesPanicAndExpectLines() throws IOException {
        Path demoSource = Corpus.demoSource();
        Path shapesSource = demoSource.resolve("../../../shapes/src/lib.rs").normalize();
        Set<Integer> expectedDemo = new TreeSet<>(linesContaining(demoSource, "panic!("));
        expectedDemo.addAll(linesContaining(demoSource, ".expect("));
        for (String binary : List.of("demo-release", "demo-release-stripped", "demo-debug")) {
            try (BinaryImage image = BinaryOpener.open(Corpus.fixture(binary))) {
                List<PanicLocation> found = PanicLocationScanner.scan(image);
                Set<Integer> demoLines = linesOf(found, "demo/src/main.rs");
                assertTrue(demoLines.containsAll(expectedDemo), binary + ": " + demoLines + " lacks some of " + expectedDemo);
                assertTrue(linesOf(found, "shapes/src/lib.rs").containsAll(linesContaining(shapesSource, "panic!(")), binary);
                found.stream().filter(l -> l.file().equals("demo/src/main.rs"))
                        .forEach(l -> assertEquals(new CrateSource("demo", null, "path"), l.source()));
                assertTrue(found.stream().anyMatch(l -> l.source().kind().equals("std") && l.source().crate().equals("core")));
            }
        }
    }

    private static final Pattern RELATIVE = Pattern.compile("^([0-9a-f]+)\\s+\\S+\\s+R_X86_64_RELATIVE\\s+([0-9a-f]+)$");

    /** Each record's path pointer is a relative relocation (readelf -r) onto the path string (the file's bytes). */
    @Test
    void everyRecordAgreesWithReadelfRelocations() throws IOException {
        Path file = Corpus.fixture("demo-release");
        Map<Long, Long> relocations = new HashMap<>();
        for (String line : Tools.run(List.of("readelf", "-rW", file.toString())).split("\n")) {
            Matcher m = RELATIVE.matcher(line.strip());
            if (m.matches()) {
                relocations.put(Long.parseUnsignedLong(m.group(1), 16), Long.parseUnsignedLong(m.group(2), 16));
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        try (BinaryImage image = BinaryOpener.open(file)) {
            List<PanicLocation> found = PanicLocationScanner.scan(image);
            assertTrue(found.size() > 200, "found " + found.size());
            for (PanicLocation l : found) {
                Long target = relocations.get(l.address());
                assertTrue(target != null, "no relocation at " + Long.toHexString(l.address()));
                // demo-release maps .rodata at file offset == address (first LOAD segment at 0).
                String atTarget = new String(bytes, target.intValue(), l.file().length(), java.nio.charset.StandardCharsets.UTF_8);
                assertEquals(l.file(), atTarget);
            }
        }
    }

    /** DWARF, read by gdb, has code at every line our own crates' panic locations name. */
    @Test
    void ownPanicLinesHaveCodeInTheDwarfLineTable() {
        Path debug = Corpus.fixture("demo-debug");
        try (BinaryImage image = BinaryOpener.open(debug)) {
            List<PanicLocation> own = PanicLocationScanner.scan(image).stream()
                    .filter(l -> l.source().kind().equals("path")).toList();
            assertTrue(own.size() >= 4, own.toString());
            List<String> command = new java.util.ArrayList<>(List.of("gdb", "-batch", "-nx"));
            for (PanicLocation l : own) {
                command.addAll(List.of("-ex", "info line " + l.file() + ":" + l.line()));
            }
            command.add(debug.toString());
            String answers = Tools.run(command);
            for (PanicLocation l : own) {
                assertTrue(answers.contains("Line " + l.line() + " of \"" + l.file() + "\" starts at address"),
                        l + " has no code in DWARF:\n" + answers);
            }
        }
    }

    @Test
    void realWorldBinaryNamesItsRegistryCratesWithVersions() {
        try (BinaryImage cargo = BinaryOpener.open(Corpus.cargo())) {
            List<PanicLocation> found = PanicLocationScanner.scan(cargo);
            Map<String, String> versions = new HashMap<>();
            found.stream().filter(l -> l.source().kind().equals("registry")).forEach(l -> versions.put(l.source().crate(), l.source().version()));
            assertTrue(versions.size() > 50, versions.toString());
            assertTrue(versions.values().stream().allMatch(v -> v.matches("\\d+\\.\\d+\\.\\d+.*")), versions.toString());
            assertTrue(versions.containsKey("regex_automata"), versions.toString());
        }
    }

    @Test
    void cratePathsAreReadTheWayCargoLaysThemOut() {
        assertEquals(new CrateSource("serde_json", "1.0.140", "registry"),
                CrateSource.of("/home/me/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/serde_json-1.0.140/src/de.rs"));
        assertEquals(new CrateSource("gimli", "0.32.3", "registry"), CrateSource.of("/rust/deps/gimli-0.32.3/src/read/line.rs"));
        assertEquals(new CrateSource("core", null, "std"),
                CrateSource.of("/rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/panicking.rs"));
        assertEquals(new CrateSource("my_tool", null, "git"),
                CrateSource.of("/root/.cargo/git/checkouts/my-tool-0123456789abcdef/1a2b3c4/src/lib.rs"));
        assertEquals(new CrateSource("shapes", null, "path"), CrateSource.of("shapes/src/lib.rs"));
        assertEquals(new CrateSource("alloc", null, "std"), CrateSource.of("library\\alloc\\src\\raw_vec\\mod.rs"));
        // Debian and Ubuntu: vendored crates, rustc's own vendored crates (versioned or not) and std
        assertEquals(new CrateSource("aho_corasick", "0.7.19", "registry"),
                CrateSource.of("/usr/share/cargo/registry/aho-corasick-0.7.19/src/ahocorasick.rs"));
        assertEquals(new CrateSource("miniz_oxide", "0.4.0", "registry"),
                CrateSource.of("/usr/src/rustc-1.63.0/vendor/miniz_oxide-0.4.0/src/inflate/core.rs"));
        assertEquals(new CrateSource("rustc_demangle", null, "registry"), CrateSource.of("/usr/src/rustc-1.63.0/vendor/rustc-demangle/src/v0.rs"));
        assertEquals(new CrateSource("std", null, "std"), CrateSource.of("/usr/src/rustc-1.63.0/library/std/src/io/mod.rs"));
        // Fedora: the same registry, rustc built in rpmbuild's tree
        assertEquals(new CrateSource("core", null, "std"),
                CrateSource.of("/builddir/build/BUILD/rustc-1.80.1-src/library/core/src/str/mod.rs"));
        assertEquals(new CrateSource("windows_sys", "0.52.0", "registry"),
                CrateSource.of("/usr/share/cargo/registry/windows-sys-0.52.0/src/lib.rs"));
        // Arch and Homebrew build with cargo's registry under a CARGO_HOME of their own
        assertEquals(new CrateSource("regex_automata", "0.4.9", "registry"),
                CrateSource.of("/build/.cargo/registry/src/index.crates.io-6f17d22bba15001f/regex-automata-0.4.9/src/meta/mod.rs"));
        assertEquals(new CrateSource("clap_builder", "4.5.20", "registry"), CrateSource.of(
                "/Users/brew/Library/Caches/Homebrew/cargo_cache/registry/src/index.crates.io-6f17d22bba15001f/clap_builder-4.5.20/src/lib.rs"));
        // Nix: vendored by importCargoLock or fetchCargoTarball, or a crate of its own in the store
        assertEquals(new CrateSource("serde", "1.0.210", "registry"), CrateSource.of("/build/cargo-vendor-dir/serde-1.0.210/src/de/mod.rs"));
        assertEquals(new CrateSource("libc", "0.2.158", "registry"),
                CrateSource.of("/nix/store/0123456789abcdfghijklmnpqrsvwxyz-libc-0.2.158/src/unix/mod.rs"));
        assertEquals(new CrateSource("memchr", "2.7.4", "registry"),
                CrateSource.of("/nix/store/0123456789abcdfghijklmnpqrsvwxyz-cargo-deps-vendor/memchr-2.7.4/src/memchr.rs"));
        // git dependencies are named after the crate directory inside the checkout, not the repository
        assertEquals(new CrateSource("react_core", null, "git"),
                CrateSource.of("/root/.cargo/git/checkouts/react-0123456789abcdef/4f2a1c9/compiler/crates/react_core/src/lib.rs"));
    }
}
