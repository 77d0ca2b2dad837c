package dev.rustbin.calcite;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;

/**
 * Filters of the form {@code column = a OR column = b OR ...} (Calcite's SEARCH over a list of
 * values or ranges) that are long enough to break Calcite's generated code: each numeric constant
 * becomes a constructor parameter there, and the JVM allows 255 (so 300 OR'd addresses failed to
 * compile). The scan takes such filters out of Calcite's list and evaluates them itself, with a
 * lookup in the value list.
 */
final class LongValueLists {

    /** More values than this, and the scan evaluates the list itself; well below Janino's 255. */
    static final int LIMIT = 64;

    /** One taken filter: the table column it tests and its values. */
    record Test(int column, Sarg<?> values) {

        @SuppressWarnings({"unchecked", "rawtypes"})
        boolean accepts(Object value) {
            if (value == null) {
                return values.nullAs == RexUnknownAs.TRUE;
            }
            Comparable key = value instanceof Number n ? new BigDecimal(n.toString())
                    : value instanceof String s ? new NlsString(s, null, null) : (Comparable) value;
            return ((Sarg) values).rangeSet.contains(key);
        }
    }

    private LongValueLists() {
    }

    /** Removes the long value lists from {@code filters} and returns them. */
    static List<Test> take(List<RexNode> filters) {
        List<Test> taken = new ArrayList<>();
        for (Iterator<RexNode> it = filters.iterator(); it.hasNext(); ) {
            RexNode filter = it.next();
            if (filter.isA(SqlKind.SEARCH) && filter instanceof RexCall call && call.operands.get(0) instanceof RexInputRef ref
                    && call.operands.get(1) instanceof RexLiteral literal) {
                Sarg<?> values = literal.getValueAs(Sarg.class);
                if (values != null && values.rangeSet.asRanges().size() > LIMIT) {
                    taken.add(new Test(ref.getIndex(), values));
                    it.remove();
                }
            }
        }
        return taken;
    }

    /**
     * The rows of {@code rows} that pass every test, cut to their first {@code width} cells;
     * {@code positions[i]} is where the cell of test i's column is in a row.
     */
    static Enumerator<Object[]> filter(Enumerator<Object[]> rows, List<Test> tests, int[] positions, int width) {
        return new Enumerator<>() {
            private Object[] current;

            @Override
            public Object[] current() {
                return current;
            }

            @Override
            public boolean moveNext() {
                while (rows.moveNext()) {
                    Object[] row = rows.current();
                    if (passes(row)) {
                        current = row.length == width ? row : java.util.Arrays.copyOf(row, width);
                        return true;
                    }
                }
                return false;
            }

            private boolean passes(Object[] row) {
                for (int i = 0; i < tests.size(); i++) {
                    if (!tests.get(i).accepts(row[positions[i]])) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public void reset() {
                rows.reset();
            }

            @Override
            public void close() {
                rows.close();
            }
        };
    }
}
