package dev.rustbin.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryOpener;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionScanTest {

    @TempDir
    Path dir;

    @Test
    void rustSizesAgreeWithNm() {
        assertSizesAgreeWithNm(Corpus.fixture("allocdemo"), 200);
        assertSizesAgreeWithNm(DwarfFixtures.rustDwarf5(dir), 200);
    }

    @Test
    void cSizesAgreeWithNm() {
        assertSizesAgreeWithNm(DwarfFixtures.linedemo(dir, "-gdwarf-4"), 3);
        assertSizesAgreeWithNm(DwarfFixtures.linedemo(dir, "-gdwarf-5"), 3);
    }

    @Test
    void libcSizesAgreeWithNm() {
        assertSizesAgreeWithNm(DwarfFixtures.libcDebugFile(), 1000);
    }

    @Test
    void inlinedCallsNameTheirCallerAndCallSite() throws Exception {
        Path binary = DwarfFixtures.linedemo(dir, "-gdwarf-5");
        List<String> source = Files.readAllLines(DwarfFixtures.source("c/linedemo.c"));
        try (BinaryImage image = BinaryOpener.open(binary)) {
            List<FunctionRow> squares = rows(image).stream().filter(r -> "linedemo_square".equals(r.name())).toList();
            assertTrue(!squares.isEmpty() && squares.stream().allMatch(FunctionRow::inlined), squares.toString());
            assertTrue(squares.stream().anyMatch(r -> "linedemo_mix".equals(r.inlinedInto())), squares.toString());
            for (FunctionRow r : squares) {
                assertTrue(r.callFile().endsWith("linedemo.c") && source.get((int) r.callLine() - 1).contains("linedemo_square("), r.toString());
                assertTrue(r.declFile().endsWith("linedemo.c") && source.get((int) r.declLine() - 1).contains("unsigned linedemo_square("), r.toString());
            }
        }
    }

    /** Every function DWARF lists with one range and nm lists at the same address has nm's size. */
    static void assertSizesAgreeWithNm(Path binary, int atLeast) {
        Map<String, long[]> nm = new HashMap<>();
        for (String line : Tools.run(List.of("nm", "-S", "--defined-only", binary.toString())).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 4 && "tTwW".indexOf(f[2].charAt(0)) >= 0) {
                nm.put(f[3], new long[] {Long.parseUnsignedLong(f[0], 16), Long.parseUnsignedLong(f[1], 16)});
            }
        }
        try (BinaryImage image = BinaryOpener.open(binary)) {
            int compared = 0;
            for (FunctionRow row : rows(image)) {
                long[] symbol = nm.get(row.linkageName() != null ? row.linkageName() : row.name());
                if (row.inlined() || row.rangeCount() != 1 || symbol == null || symbol[0] != row.lowPc()) {
                    continue;
                }
                assertEquals(symbol[1], row.size(), binary.getFileName() + ": " + row);
                compared++;
            }
            assertTrue(compared >= atLeast, binary + ": only " + compared + " functions compared");
        }
    }

    private static List<FunctionRow> rows(BinaryImage image) {
        List<FunctionRow> rows = new ArrayList<>();
        new FunctionScan(image).forEachRemaining(rows::add);
        return rows;
    }
}
