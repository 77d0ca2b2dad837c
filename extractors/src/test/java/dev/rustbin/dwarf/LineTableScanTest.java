package dev.rustbin.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryOpener;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Tools;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineTableScanTest {

    @TempDir
    Path dir;

    @Test
    void rustDwarf4MatchesReadelf() {
        assertSameRows(Corpus.fixture("allocdemo"), 4, Integer.MAX_VALUE);
    }

    @Test
    void rustDwarf5MatchesReadelf() {
        assertSameRows(DwarfFixtures.rustDwarf5(dir), 5, Integer.MAX_VALUE);
    }

    @Test
    void cDwarf4And5MatchReadelf() {
        assertSameRows(DwarfFixtures.linedemo(dir, "-gdwarf-4"), 4, Integer.MAX_VALUE);
        assertSameRows(DwarfFixtures.linedemo(dir, "-gdwarf-5"), 5, Integer.MAX_VALUE);
    }

    /** glibc's debug file from libc6-dbg: DWARF 5 from gcc, zlib-compressed sections; the first 100k rows. */
    @Test
    void libcDebugFileMatchesReadelf() {
        assertSameRows(DwarfFixtures.libcDebugFile(), 5, 100_000);
    }

    static void assertSameRows(Path binary, int version, int limit) {
        List<DecodedLines.Row> expected = DecodedLines.of(binary, limit);
        try (BinaryImage image = BinaryOpener.open(binary)) {
            DebugInfo dwarf = DebugInfo.of(image);
            assertEquals(version, dwarf.units().get(0).version(), binary + " DWARF version");
            LineTableScan scan = new LineTableScan(image);
            int n = 0;
            for (; n < expected.size() && scan.hasNext(); n++) {
                LineTableRow row = scan.next();
                DecodedLines.Row want = expected.get(n);
                String where = String.format("%s row %d (%s)", binary.getFileName(), n, want);
                assertEquals(want.address(), row.address(), where);
                assertEquals(want.line(), row.endSequence() ? -1 : row.line(), where);
                if (!row.endSequence()) {
                    assertEquals(want.statement(), row.isStatement(), where);
                    assertTrue(row.file().endsWith(want.file()), where + ": " + row.file());
                }
            }
            assertEquals(expected.size(), n, binary + ": rows");
            if (limit == Integer.MAX_VALUE) {
                assertTrue(!scan.hasNext(), binary + ": rows after readelf's last");
            }
            assertTrue(n > 50, binary + ": only " + n + " rows");
        }
    }
}
