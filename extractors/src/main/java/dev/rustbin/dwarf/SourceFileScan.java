package dev.rustbin.dwarf;

import dev.rustbin.format.BinaryImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Code bytes per source file, from one streaming pass over the line table: memory grows with the
 * number of files, not rows. Rows outside executable sections (code the linker dropped, left at
 * address 0) count for nothing.
 */
public final class SourceFileScan {

    private SourceFileScan() {
    }

    public static List<SourceFileRow> of(BinaryImage image) {
        long[][] code = LineSequences.codeRanges(image);
        Map<String, long[]> totals = new HashMap<>();
        Map<String, Set<Long>> programs = new HashMap<>();
        LineTableScan scan = new LineTableScan(image);
        LineTableRow previous = null;
        while (scan.hasNext()) {
            LineTableRow row = scan.next();
            if (previous != null && previous.file() != null && previous.programOffset() == row.programOffset()) {
                long[] t = totals.computeIfAbsent(previous.file(), f -> new long[2]);
                t[1]++;
                if (LineSequences.inCode(code, previous.address()) && Long.compareUnsigned(row.address(), previous.address()) > 0) {
                    t[0] += row.address() - previous.address();
                }
                programs.computeIfAbsent(previous.file(), f -> new HashSet<>()).add(previous.programOffset());
            }
            previous = row.endSequence() ? null : row;
        }
        List<SourceFileRow> rows = new ArrayList<>();
        totals.forEach((file, t) -> rows.add(new SourceFileRow(file, t[0], t[1], programs.get(file).size())));
        rows.sort((a, b) -> Long.compare(b.codeBytes(), a.codeBytes()));
        return rows;
    }
}
