package dev.rustbin.jdbc;

import static dev.rustbin.jdbc.SqlResults.pairs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryOpener;
import dev.rustbin.format.Section;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.LlvmReadobj;
import dev.rustbin.testing.Readelf;
import dev.rustbin.testing.Tools;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same SQL runs unchanged over a directory holding ELF, Mach-O (thin and universal) and PE binaries. */
class CrossFormatQueryTest {

    @TempDir
    static Path dir;

    static Path elf;
    static Path machO;
    static Path universal;
    static Path pe;
    static Path peGnu;

    @BeforeAll
    static void linkBinaries() throws IOException {
        elf = Files.createSymbolicLink(dir.resolve("demo-release"), Corpus.fixture("demo-release"));
        machO = Files.createSymbolicLink(dir.resolve("biome-darwin-arm64"), Corpus.foreign("biome-darwin-arm64"));
        universal = Files.createSymbolicLink(dir.resolve("rrule.node"), Corpus.foreign("rrule-darwin-universal.node"));
        pe = Files.createSymbolicLink(dir.resolve("biome.exe"), Corpus.foreign("biome-win32-x64.exe"));
        peGnu = Files.createSymbolicLink(dir.resolve("rollup.dll"), Corpus.foreign("rollup-win32-x64-gnu.dll"));
    }

    private static Connection open() throws SQLException {
        return DriverManager.getConnection(RustbinDriver.PREFIX + dir);
    }

    /** Every image of the directory: a universal file counts once per slice. */
    private static List<BinaryImage> images() {
        List<BinaryImage> images = new ArrayList<>();
        for (Path file : List.of(elf, machO, universal, pe, peGnu)) {
            List<String> slices = BinaryOpener.sliceNames(file);
            if (slices.isEmpty()) {
                images.add(BinaryOpener.open(file));
            }
            slices.forEach(slice -> images.add(BinaryOpener.open(file, slice)));
        }
        return images;
    }

    @Test
    void everyBinaryAndSliceIsListedWithItsFormat() throws SQLException {
        try (Connection c = open()) {
            Map<String, Object> formats = pairs(c, "select path, format from binary_files");
            assertEquals(Map.of(
                    dir.resolve("biome-darwin-arm64").toString(), "Mach-O",
                    dir.resolve("biome.exe").toString(), "PE",
                    dir.resolve("demo-release").toString(), "ELF",
                    dir.resolve("rollup.dll").toString(), "PE",
                    dir + "/rrule.node#arm64", "Mach-O",
                    dir + "/rrule.node#x86_64", "Mach-O"), formats);
            Map<String, Object> slices = pairs(c, "select path || ' ' || architecture, slice from binary_files where slice is not null");
            assertEquals(Map.of(dir + "/rrule.node#arm64 aarch64", "arm64", dir + "/rrule.node#x86_64 x86_64", "x86_64"), slices);
            assertEquals(Map.of(dir.resolve("biome.exe").toString(), "windows-cui"),
                    pairs(c, "select path, subsystem from binary_files where subsystem is not null and path like '%.exe'"));
        }
    }

    @Test
    void executableSectionSizesAgreeWithTheReaders() throws SQLException {
        Map<String, BigDecimal> expected = new TreeMap<>();
        for (BinaryImage image : images()) {
            for (Section s : image.sections()) {
                if (s.permissions().executable()) {
                    expected.merge(s.name(), BigDecimal.valueOf(s.size()), BigDecimal::add);
                }
            }
        }
        try (Connection c = open()) {
            Map<String, Object> actual = pairs(c, "select section_name, sum(size) from binary_sections where is_executable group by section_name");
            assertEquals(expected, actual);
            assertTrue(actual.containsKey(".text") && actual.containsKey("__TEXT,__text") && actual.containsKey("__TEXT,__stubs"), actual.toString());
        }
    }

    /**
     * Symbol counts per format against readelf (ELF) and llvm-readobj (Mach-O slices, PE); Mach-O adds
     * one row per function start llvm-objdump lists at an address llvm-nm names no symbol at.
     */
    @Test
    void symbolCountsAgreeWithTheToolsPerFormat() throws SQLException {
        long machOSymbols = 0;
        for (Path file : List.of(machO, universal)) {
            for (List<LlvmReadobj.Block> image : LlvmReadobj.blocks(file, "--symbols", "Symbol")) {
                machOSymbols += image.size();
            }
        }
        for (String[] slice : new String[][] {{machO.toString(), "arm64"}, {universal.toString(), "x86_64"}, {universal.toString(), "arm64"}}) {
            java.util.Set<String> starts = new java.util.HashSet<>(Tools.run(List.of("llvm-objdump", "--macho", "--function-starts",
                    "--arch=" + slice[1], slice[0])).lines().filter(l -> l.matches("[0-9a-f]{16}")).toList());
            Tools.run(List.of("llvm-nm", "--defined-only", "--arch=" + slice[1], slice[0])).lines().forEach(l -> starts.remove(l.split(" ")[0]));
            machOSymbols += starts.size();
        }
        long peSymbols = LlvmReadobj.blocks(pe, "--symbols", "Symbol").get(0).size()
                + LlvmReadobj.blocks(peGnu, "--symbols", "Symbol").get(0).size();
        long elfSymbols = Readelf.symbols(elf).size();
        try (Connection c = open()) {
            assertEquals(elfSymbols + machOSymbols + peSymbols, ((Number) pairs(c, "select 'all', count(*) from binary_symbols").get("all")).longValue());
            Map<String, Object> perFormat = pairs(c, "select f.format, count(*) from binary_symbols s join binary_files f on s.path = f.path group by f.format");
            assertEquals(elfSymbols, ((Number) perFormat.get("ELF")).longValue());
            assertEquals(machOSymbols, ((Number) perFormat.get("Mach-O")).longValue());
            assertEquals(peSymbols, ((Number) perFormat.getOrDefault("PE", 0)).longValue());
        }
    }

    /**
     * The crate analysis runs unchanged on every format. Code bytes need symbols, which these
     * stripped Mach-O and PE builds lack; their crates and versions come from panic-location paths.
     */
    @Test
    void crateQueryRunsUnchangedOnEveryFormat() throws SQLException {
        try (Connection c = open()) {
            Map<String, Object> stdCrates = pairs(c, "select f.format, count(*) from rust_crates r join binary_files f using (path)"
                    + " where r.crate_source = 'std' and r.crate_name in ('std', 'core', 'alloc') group by f.format");
            assertEquals(Map.of("ELF", 3L, "Mach-O", 9L, "PE", 6L), stdCrates, "std, core and alloc in every image");
            Map<String, Object> registry = pairs(c, "select f.format, count(*) from rust_crates r join binary_files f using (path)"
                    + " where r.crate_source = 'registry' and r.crate_version is not null group by f.format");
            assertEquals(java.util.Set.of("ELF", "Mach-O", "PE"), registry.keySet(), "versioned crates.io dependencies in every format");
            Object demoCode = pairs(c, "select crate_name, sum(code_bytes) from rust_crates where crate_name = 'demo' group by crate_name").get("demo");
            assertTrue(((Number) demoCode).longValue() > 0);
        }
    }

    @Test
    void linkingTablesSpeakTheSameLanguageForEveryFormat() throws SQLException {
        try (Connection c = open()) {
            Map<String, Object> libraries = pairs(c, "select library_name, count(*) from binary_libraries group by library_name");
            assertTrue(libraries.containsKey("libc.so.6") && libraries.containsKey("/usr/lib/libSystem.B.dylib")
                    && libraries.containsKey("KERNEL32.dll"), libraries.toString());
            Map<String, Object> exports = pairs(c, "select path, symbol_name from binary_exports where symbol_name = 'napi_register_module_v1'"
                    + " or symbol_name = '_napi_register_module_v1'");
            assertEquals(List.of(dir + "/rollup.dll", dir + "/rrule.node#arm64", dir + "/rrule.node#x86_64"), List.copyOf(exports.keySet()));
            Map<String, Object> versioned = pairs(c, "select symbol_name, library from binary_imports where symbol_version like 'GLIBC%'"
                    + " and symbol_name = 'malloc'");
            assertEquals(Map.of("malloc", "libc.so.6"), versioned);
            Map<String, Object> byLibrary = pairs(c, "select library, count(*) from binary_imports where path like '%biome.exe' group by library");
            assertEquals(pairs(c, "select library_name, 1 from binary_libraries where path like '%biome.exe'").keySet(), byLibrary.keySet());
        }
    }
}
