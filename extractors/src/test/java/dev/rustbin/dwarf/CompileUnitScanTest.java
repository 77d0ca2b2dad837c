package dev.rustbin.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryOpener;
import dev.rustbin.format.Section;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Tools;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompileUnitScanTest {

    @Test
    void libcUnitBytesAgreeWithAranges() {
        assertBytesAgreeWithAranges(DwarfFixtures.libcDebugFile(), 1000);
    }

    @Test
    void rustUnitBytesAgreeWithAranges() {
        List<CompileUnitRow> rows = assertBytesAgreeWithAranges(Corpus.fixture("allocdemo"), 5);
        assertTrue(rows.stream().anyMatch(r -> "Rust".equals(r.language()) && r.producer().contains("rustc version 1.")), rows.toString());
    }

    /** Code bytes per file add up to the code the line table covers, and allocdemo's own file has some. */
    @Test
    void sourceFileBytesCoverTheCode() {
        Path binary = Corpus.fixture("allocdemo");
        try (BinaryImage image = BinaryOpener.open(binary)) {
            List<SourceFileRow> files = SourceFileScan.of(image);
            long total = files.stream().mapToLong(SourceFileRow::codeBytes).sum();
            long text = image.sections().stream().filter(s -> s.permissions().executable()).mapToLong(Section::size).sum();
            assertTrue(total > text / 2 && total <= text, total + " of " + text);
            assertTrue(files.stream().anyMatch(f -> f.file().endsWith("allocdemo/src/main.rs") && f.codeBytes() > 100), files.toString());
        }
    }

    /**
     * readelf's .debug_aranges (a table of its own, written by the compiler) against each unit's
     * ranges. Entries at address 0 are code the linker dropped, which DW_AT_ranges tombstones; readelf
     * follows a debug file's own .gnu_debuglink and prints the section twice, so the first dump counts.
     */
    static List<CompileUnitRow> assertBytesAgreeWithAranges(Path binary, int atLeast) {
        Map<Long, Long> aranges = new HashMap<>();
        long unit = -1;
        int dumps = 0;
        for (String line : Tools.run(List.of("readelf", "--debug-dump=aranges", binary.toString())).split("\n")) {
            String t = line.trim();
            if (t.startsWith("Contents of the .debug_aranges section") && ++dumps > 1) {
                break;
            }
            if (t.startsWith("Offset into .debug_info:")) {
                String v = t.substring(t.indexOf(':') + 1).trim();
                unit = v.equals("0") ? 0 : Long.parseLong(v.replace("0x", ""), 16);
            } else if (t.matches("[0-9a-f]{16} [0-9a-f]{16}") && !t.startsWith("0000000000000000")) {
                aranges.merge(unit, Long.parseUnsignedLong(t.substring(17), 16), Long::sum);
            }
        }
        try (BinaryImage image = BinaryOpener.open(binary)) {
            List<CompileUnitRow> rows = CompileUnitScan.of(image);
            int compared = 0;
            for (CompileUnitRow row : rows) {
                Long expected = aranges.get(row.unitOffset());
                if (expected != null) {
                    assertEquals(expected, row.codeBytes(), binary.getFileName() + ": " + row);
                    compared++;
                }
            }
            assertTrue(compared >= atLeast, binary + ": only " + compared + " units compared");
            return rows;
        }
    }
}
