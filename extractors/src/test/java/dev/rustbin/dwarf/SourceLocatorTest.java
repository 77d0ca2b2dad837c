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

class SourceLocatorTest {

    @Test
    void chainsAgreeWithAddr2lineOnAllocdemo() {
        assertSameAsAddr2line(Corpus.fixture("allocdemo"), 400);
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
            List<Long> addresses = sampleCode(image, samples);
            Map<Long, List<Addr2Line.Frame>> expected = Addr2Line.chains(binary, addresses);
            SourceLocator locator = SourceLocator.of(image);
            int compared = 0;
            for (long address : addresses) {
                List<Addr2Line.Frame> oracle = expected.get(address);
                if (!oracle.get(0).fileLine().contains("/")) {
                    // No line covers it: addr2line falls back to the unit's name ("??:0", "crate.hash-cgu.0:?").
                    continue;
                }
                List<Addr2Line.Frame> ours = locator.locate(address).stream()
                        .map(l -> new Addr2Line.Frame(l.linkageName() != null ? l.linkageName() : l.function() != null ? l.function() : "??", l.fileLine()))
                        .toList();
                assertEquals(oracle, ours, String.format("%s at 0x%x", binary.getFileName(), address));
                compared++;
            }
            assertTrue(compared > samples / 2, "only " + compared + " of " + samples + " addresses have lines");
        }
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
