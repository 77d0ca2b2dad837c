package dev.rustbin.dwarf;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.Section;
import dev.rustbin.format.SortedAddresses;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * An address index over every line program of a binary: one entry per sequence (its address range,
 * where it starts in .debug_line and which unit owns it), built by one streaming pass. The rows of a
 * sequence are decoded when an address in it is looked up and a bounded number stay cached, so
 * memory grows with the number of sequences, not rows.
 */
final class LineSequences {

    private static final int CACHED_SEQUENCES = 1024;

    /** The rows of one sequence, without its end row; {@code lines[i]} holds for [addresses[i], addresses[i+1]). */
    record Rows(long[] addresses, long[] files, long[] lines, long[] columns) {
    }

    private final DebugInfo dwarf;
    private final LineTables tables;
    private long[] starts = new long[0];
    private long[] ends = new long[0];
    private long[] offsets = new long[0];
    private int[] units = new int[0];
    private int count;
    private final Map<Integer, Rows> decoded = new RecentlyUsed<>(CACHED_SEQUENCES);

    LineSequences(DebugInfo dwarf, LineTables tables, BinaryImage image) {
        this.dwarf = dwarf;
        this.tables = tables;
        index(codeRanges(image));
    }

    /** Executable sections of the binary: a sequence that starts outside them is code the linker dropped (address 0 or a tombstone). */
    static long[][] codeRanges(BinaryImage image) {
        return image.sections().stream().filter(s -> s.permissions().executable() && s.size() > 0)
                .map(s -> new long[] {s.address(), s.address() + s.size()}).toArray(long[][]::new);
    }

    static boolean inCode(long[][] code, long address) {
        for (long[] r : code) {
            if (Long.compareUnsigned(address, r[0]) >= 0 && Long.compareUnsigned(address, r[1]) < 0) {
                return true;
            }
        }
        return false;
    }

    private void index(long[][] code) {
        int unitCount = dwarf.units().size();
        long[][] found = new long[0][];
        int n = 0;
        for (int u = 0; u < unitCount; u++) {
            LineProgramHeader header = tables.header(u);
            if (header == null) {
                continue;
            }
            try {
                LineRows rows = LineRows.of(dwarf.sections().get(".debug_line"), header);
                long start = 0;
                boolean first = true;
                while (rows.next()) {
                    if (first) {
                        start = rows.address();
                        first = false;
                    }
                    if (rows.endSequence()) {
                        if (inCode(code, start) && Long.compareUnsigned(rows.address(), start) > 0) {
                            if (n == found.length) {
                                found = Arrays.copyOf(found, Math.max(16, n * 2));
                            }
                            found[n++] = new long[] {start, rows.address(), rows.sequenceStart(), u};
                        }
                        first = true;
                    }
                }
            } catch (DwarfFormatException e) {
                // A corrupt program loses its own sequences; the others still serve lookups.
            }
        }
        long[][] sorted = Arrays.copyOf(found, n);
        Arrays.sort(sorted, (a, b) -> Long.compareUnsigned(a[0], b[0]));
        starts = new long[n];
        ends = new long[n];
        offsets = new long[n];
        units = new int[n];
        for (int i = 0; i < n; i++) {
            starts[i] = sorted[i][0];
            ends[i] = sorted[i][1];
            offsets[i] = sorted[i][2];
            units[i] = (int) sorted[i][3];
        }
        count = n;
    }

    /** The sequence holding an address, or -1. */
    int find(long address) {
        int hi = SortedAddresses.lastAtOrBelow(starts, 0, count, address);
        for (int i = hi; i >= 0 && i > hi - 8; i--) {
            if (Long.compareUnsigned(address, ends[i]) < 0) {
                return i;
            }
        }
        return -1;
    }

    int unit(int sequence) {
        return units[sequence];
    }

    synchronized Rows rows(int sequence) {
        Rows rows = decoded.get(sequence);
        if (rows == null) {
            rows = decode(sequence);
            decoded.put(sequence, rows);
        }
        return rows;
    }

    private Rows decode(int sequence) {
        LineProgramHeader header = tables.header(units[sequence]);
        ByteBuffer line = dwarf.sections().get(".debug_line");
        LineRows in = new LineRows(line, header, offsets[sequence]);
        int n = 0;
        long[] addresses = new long[16];
        long[] files = new long[16];
        long[] lines = new long[16];
        long[] columns = new long[16];
        while (in.next() && !in.endSequence()) {
            if (n == addresses.length) {
                addresses = Arrays.copyOf(addresses, n * 2);
                files = Arrays.copyOf(files, n * 2);
                lines = Arrays.copyOf(lines, n * 2);
                columns = Arrays.copyOf(columns, n * 2);
            }
            addresses[n] = in.address();
            files[n] = in.file();
            lines[n] = in.line();
            columns[n] = in.column();
            n++;
        }
        return new Rows(Arrays.copyOf(addresses, n), Arrays.copyOf(files, n), Arrays.copyOf(lines, n), Arrays.copyOf(columns, n));
    }

    /** The row that holds an address in a sequence's rows: the last one at or before it, or -1. */
    static int rowAt(Rows rows, long address) {
        return SortedAddresses.lastAtOrBelow(rows.addresses(), 0, rows.addresses().length, address);
    }
}
