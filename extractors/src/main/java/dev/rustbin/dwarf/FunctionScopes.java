package dev.rustbin.dwarf;

import dev.rustbin.format.SortedAddresses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The functions of one unit that own code, and the calls inlined into them, as a tree of scopes
 * with their address ranges, so the chain of scopes around an address is a binary search and a
 * walk to the root.
 */
final class FunctionScopes {

    /** A walk back past this many ranges that end before the address gives up (a degenerate unit). */
    private static final int MAX_WALK = 4096;

    /**
     * A subprogram with code, or an inlined call.
     *
     * @param entry   the .debug_info offset of the entry (names come from it or its origin)
     * @param parent  the index of the enclosing scope, -1 for a subprogram
     * @param low     the lowest address of its ranges
     * @param high    one past the highest address of its ranges
     * @param bytes   the bytes its ranges cover
     */
    record Scope(long entry, boolean inlined, long callFile, long callLine, long callColumn, int parent,
                 long low, long high, long bytes, int rangeCount) {
    }

    private final List<Scope> scopes;
    private final long[] starts;
    private final long[] ends;
    private final int[] owners;

    private FunctionScopes(List<Scope> scopes, long[] starts, long[] ends, int[] owners) {
        this.scopes = scopes;
        this.starts = starts;
        this.ends = ends;
        this.owners = owners;
    }

    static FunctionScopes read(DebugInfo dwarf, int unitIndex) {
        CompileUnit cu = dwarf.compileUnit(unitIndex);
        DebugInfoEntry entry = dwarf.entries(cu.header());
        List<Scope> scopes = new ArrayList<>();
        List<long[]> ranges = new ArrayList<>();
        int[] stackDepth = new int[64];
        int[] stackScope = new int[64];
        int top = 0;
        try {
            while (entry.next()) {
                int tag = entry.tag();
                if (tag == 0) {
                    continue;
                }
                while (top > 0 && stackDepth[top - 1] >= entry.depth()) {
                    top--;
                }
                if (tag != DwarfAttributes.TAG_SUBPROGRAM && tag != DwarfAttributes.TAG_INLINED_SUBROUTINE) {
                    continue;
                }
                int index = scopes.size();
                long[] extent = {-1L, 0, 0, 0};
                dwarf.ranges().of(cu, entry, (low, high) -> {
                    ranges.add(new long[] {low, high, index, entry.depth()});
                    extent[0] = Long.compareUnsigned(low, extent[0]) < 0 ? low : extent[0];
                    extent[1] = Long.compareUnsigned(high, extent[1]) > 0 ? high : extent[1];
                    extent[2] += high - low;
                    extent[3]++;
                });
                if (extent[3] == 0) {
                    continue;
                }
                boolean inlined = tag == DwarfAttributes.TAG_INLINED_SUBROUTINE;
                scopes.add(new Scope(entry.offset(), inlined, entry.value(DwarfAttributes.CALL_FILE, 0),
                        entry.value(DwarfAttributes.CALL_LINE, 0), entry.value(DwarfAttributes.CALL_COLUMN, 0),
                        top > 0 ? stackScope[top - 1] : -1, extent[0], extent[1], extent[2], (int) extent[3]));
                if (entry.hasChildren()) {
                    if (top == stackDepth.length) {
                        stackDepth = Arrays.copyOf(stackDepth, top * 2);
                        stackScope = Arrays.copyOf(stackScope, top * 2);
                    }
                    stackDepth[top] = entry.depth();
                    stackScope[top] = index;
                    top++;
                }
            }
        } catch (DwarfFormatException e) {
            // The scopes read before the corrupt entry still serve lookups.
        }
        ranges.sort((a, b) -> a[0] != b[0] ? Long.compareUnsigned(a[0], b[0]) : Long.compare(a[3], b[3]));
        long[] starts = new long[ranges.size()];
        long[] ends = new long[ranges.size()];
        int[] owners = new int[ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            starts[i] = ranges.get(i)[0];
            ends[i] = ranges.get(i)[1];
            owners[i] = (int) ranges.get(i)[2];
        }
        return new FunctionScopes(List.copyOf(scopes), starts, ends, owners);
    }

    /** The innermost scope whose ranges hold {@code address}, or -1. */
    int innermost(long address) {
        int hi = SortedAddresses.lastAtOrBelow(starts, 0, starts.length, address);
        for (int i = hi; i >= 0 && i > hi - MAX_WALK; i--) {
            if (Long.compareUnsigned(address, ends[i]) < 0) {
                return owners[i];
            }
        }
        return -1;
    }

    Scope scope(int index) {
        return scopes.get(index);
    }

    /** Every scope, in the order of their entries (a function before the calls inlined into it). */
    List<Scope> scopes() {
        return scopes;
    }
}
