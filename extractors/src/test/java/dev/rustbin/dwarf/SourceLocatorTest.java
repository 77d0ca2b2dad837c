package dev.rustbin.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryOpener;
import dev.rustbin.format.Symbol;
import dev.rustbin.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceLocatorTest {

    @TempDir
    Path dir;

    @Test
    void chainsAgreeWithAddr2lineOnAllocdemo() {
        assertSameAsAddr2line(Corpus.fixture("allocdemo"), 400);
    }

    @Test
    void chainsAgreeWithAddr2lineOnDwarf5AndC() {
        assertSameAsAddr2line(DwarfFixtures.rustDwarf5(dir), 300);
        assertSameAsAddr2line(DwarfFixtures.linedemo(dir, "-gdwarf-4"), 40);
        assertSameAsAddr2line(DwarfFixtures.linedemo(dir, "-gdwarf-5"), 40);
    }

    /** glibc through its installed libc.so.6: the locator finds the libc6-dbg file by build id. */
    @Test
    void chainsAgreeWithAddr2lineOnLibc() {
        Path libc = Path.of("/lib/x86_64-linux-gnu/libc.so.6");
        try (BinaryImage image = BinaryOpener.open(DwarfFixtures.libcDebugFile())) {
            List<Long> addresses = sampleCode(image, 400);
            try (BinaryImage installed = BinaryOpener.open(libc)) {
                assertSameChains(libc, SourceLocator.of(installed), addresses, DwarfFixtures.libcDebugFile());
            }
        }
    }

    /** What the allocation tracker relies on: code of allocate_kept maps to the line marked "// site: kept". */
    @Test
    void allocationSiteLineIsReachedFromAllocateKept() throws Exception {
        Path binary = Corpus.fixture("allocdemo");
        Path source = Corpus.fixtures().resolve("../../rust/allocdemo/src/main.rs").normalize();
        List<String> lines = Files.readAllLines(source);
        long siteLine = 1 + lines.indexOf(lines.stream().filter(l -> l.endsWith("// site: kept")).findFirst().orElseThrow());
        try (BinaryImage image = BinaryOpener.open(binary)) {
            Symbol kept = image.symbols().stream().filter(s -> s.name().contains("allocate_kept")).findFirst().orElseThrow();
            SourceLocator locator = SourceLocator.of(image);
            boolean reached = false;
            for (long a = kept.address(); a < kept.address() + kept.size(); a++) {
                for (SourceLocation l : locator.locate(a)) {
                    reached |= l.line() == siteLine && l.file().equals(source.toString());
                }
            }
            assertTrue(reached, "no address of " + kept.name() + " maps to " + source + ":" + siteLine);
            assertEquals("allocate_kept", locator.locate(kept.address()).get(0).function());
        }
    }

    static void assertSameAsAddr2line(Path binary, int samples) {
        try (BinaryImage image = BinaryOpener.open(binary)) {
            assertSameChains(binary, SourceLocator.of(image), sampleCode(image, samples), binary);
        }
    }

    /**
     * Compares the locator's chains with those addr2line gives for {@code oracleFile} (the file or its
     * debug file). binutils 2.40 and LLVM 14 disagree on some addresses (binutils drops inlined
     * frames of rustc's DWARF 5 and names the unit's file for some of gcc's .cold parts; LLVM names
     * the outermost function by its symbol, with .cold and .llvm.N suffixes, which are dropped here):
     * the function chain must equal one tool's, the file:line chain one tool's.
     */
    static void assertSameChains(Path binary, SourceLocator locator, List<Long> addresses, Path oracleFile) {
        Map<Long, List<Addr2Line.Frame>> binutils = Addr2Line.chains("addr2line", oracleFile, addresses);
        Map<Long, List<Addr2Line.Frame>> llvm = Addr2Line.chains("llvm-addr2line", oracleFile, addresses);
        int compared = 0;
        for (long address : addresses) {
            if (!binutils.get(address).get(0).fileLine().contains("/")) {
                // No line covers it: addr2line falls back to the unit's name ("??:0", "crate.hash-cgu.0:?").
                continue;
            }
            List<SourceLocation> ours = locator.locate(address);
            List<String> functions = ours.stream().map(l -> l.linkageName() != null ? l.linkageName() : l.function() != null ? l.function() : "??").toList();
            List<String> fileLines = ours.stream().map(SourceLocation::fileLine).toList();
            String where = String.format("%s at 0x%x: ours %s, addr2line %s, llvm-addr2line %s", binary.getFileName(), address, ours,
                    binutils.get(address), llvm.get(address));
            // Code no DWARF function covers (gcc folded mcheck_pedantic into mcheck): both tools name it from
            // the symbol table; the locator reports only what DWARF says, and symbolizers add the symbol.
            boolean dwarfKnowsNoFunction = ours.size() == 1 && ours.get(0).function() == null;
            assertTrue(dwarfKnowsNoFunction || functions.equals(names(binutils.get(address))) || functions.equals(names(llvm.get(address))), where);
            assertTrue(fileLines.equals(fileLines(binutils.get(address))) || fileLines.equals(fileLines(llvm.get(address))), where);
            compared++;
        }
        assertTrue(compared > addresses.size() / 2, "only " + compared + " of " + addresses.size() + " addresses have lines");
    }

    private static List<String> names(List<Addr2Line.Frame> frames) {
        return frames.stream().map(f -> f.function().replaceFirst("\\.(cold|llvm\\.\\d+)$", "")).toList();
    }

    private static List<String> fileLines(List<Addr2Line.Frame> frames) {
        return frames.stream().map(Addr2Line.Frame::fileLine).toList();
    }

    /** Addresses spread over the defined functions: the start, and an offset into the body. */
    static List<Long> sampleCode(BinaryImage image, int samples) {
        List<Symbol> functions = image.symbols().stream()
                .filter(s -> s.defined() && "function".equals(s.type()) && s.size() > 0).toList();
        List<Long> addresses = new ArrayList<>();
        int step = Math.max(1, functions.size() / samples);
        for (int i = 0; i < functions.size() && addresses.size() < samples; i += step) {
            Symbol f = functions.get(i);
            addresses.add(f.address() + (i % 3 == 0 ? 0 : (f.size() * (i % 7 + 1)) / 8));
        }
        return addresses;
    }
}
