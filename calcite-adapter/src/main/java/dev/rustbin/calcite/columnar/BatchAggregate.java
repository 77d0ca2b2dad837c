package dev.rustbin.calcite.columnar;

import dev.rustbin.calcite.ArrowValues;
import dev.rustbin.calcite.ScanBatches;
import dev.rustbin.calcite.gandiva.BatchFilter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * GROUP BY with COUNT, SUM, MIN and MAX computed on the batches: group keys are read once per
 * kept row, aggregate inputs straight from the integer vectors, and only one row per group ever
 * reaches Calcite. Results have the SQL types Calcite derived for the aggregate calls.
 */
final class BatchAggregate {

    enum Kind { COUNT, SUM, SUM0, MIN, MAX }

    /** One aggregate call: {@code column} is a batch column (an integer one but for COUNT), or -1 for COUNT(*). */
    record Call(Kind kind, int column, boolean unsigned, SqlTypeName resultType) {
    }

    private final int[] keyColumns;
    private final List<Call> calls;

    BatchAggregate(int[] keyColumns, List<Call> calls) {
        this.keyColumns = keyColumns;
        this.calls = List.copyOf(calls);
    }

    /** Consumes the scan (closing it) and returns one row per group: keys, then the aggregates. */
    List<Object[]> run(ScanBatches batches, BatchFilter filter) {
        Map<Object, Accumulator[]> groups = new LinkedHashMap<>();
        TextKeyGroups<Accumulator[]> textGroups = new TextKeyGroups<>(groups, this::newGroup);
        try (batches) {
            while (batches.next()) {
                VectorSchemaRoot root = batches.root();
                int rows = filter == null ? root.getRowCount() : filter.select(root);
                ArrowValues.CellReader[] keys = new ArrowValues.CellReader[keyColumns.length];
                for (int k = 0; k < keys.length; k++) {
                    keys[k] = ArrowValues.readerFor(root.getVector(keyColumns[k]));
                }
                FieldVector[] inputs = new FieldVector[calls.size()];
                for (int c = 0; c < inputs.length; c++) {
                    inputs[c] = calls.get(c).column() < 0 ? null : root.getVector(calls.get(c).column());
                }
                VarCharVector textKey = keyColumns.length == 1 && root.getVector(keyColumns[0]) instanceof VarCharVector v ? v : null;
                for (int r = 0; r < rows; r++) {
                    int row = filter == null ? r : filter.index(r);
                    Accumulator[] group = textKey != null && !textKey.isNull(row) ? textGroups.of(textKey, row)
                            : groups.computeIfAbsent(key(keys, row), k -> newGroup());
                    for (int c = 0; c < group.length; c++) {
                        FieldVector input = inputs[c];
                        if (input == null || (calls.get(c).kind() == Kind.COUNT && !input.isNull(row))) {
                            group[c].count++;
                        } else if (!input.isNull(row)) {
                            group[c].add(((BaseIntVector) input).getValueAsLong(row));
                        }
                    }
                }
            }
        } finally {
            if (filter != null) {
                filter.close();
            }
        }
        if (groups.isEmpty() && keyColumns.length == 0) {
            groups.put(List.of(), newGroup());
        }
        List<Object[]> out = new ArrayList<>(groups.size());
        for (Map.Entry<Object, Accumulator[]> group : groups.entrySet()) {
            Object[] row = new Object[keyColumns.length + calls.size()];
            if (keyColumns.length == 1) {
                row[0] = group.getKey() instanceof NullKey ? null : group.getKey();
            } else {
                List<?> key = (List<?>) group.getKey();
                for (int k = 0; k < key.size(); k++) {
                    row[k] = key.get(k);
                }
            }
            for (int c = 0; c < calls.size(); c++) {
                row[keyColumns.length + c] = group.getValue()[c].result();
            }
            out.add(row);
        }
        return out;
    }

    /** A one-column key is the value itself (NULL as a marker, since maps need one); wider keys are lists. */
    private Object key(ArrowValues.CellReader[] keys, int row) {
        if (keys.length == 1) {
            Object value = keys[0].read(row);
            return value == null ? NullKey.INSTANCE : value;
        }
        Object[] values = new Object[keys.length];
        for (int k = 0; k < keys.length; k++) {
            values[k] = keys[k].read(row);
        }
        return Arrays.asList(values);
    }

    private enum NullKey { INSTANCE }

    private Accumulator[] newGroup() {
        Accumulator[] group = new Accumulator[calls.size()];
        for (int c = 0; c < group.length; c++) {
            group[c] = new Accumulator(calls.get(c));
        }
        return group;
    }

    /** COUNT counts; SUM adds exactly (a long until it would overflow); MIN/MAX compare as the column's signedness. */
    private static final class Accumulator {
        private final Call call;
        long count;
        private long sum;
        private BigInteger wideSum;
        private long extreme;

        Accumulator(Call call) {
            this.call = call;
        }

        void add(long value) {
            count++;
            switch (call.kind()) {
                case SUM, SUM0 -> addToSum(value);
                case MIN -> extreme = count == 1 || compare(value, extreme) < 0 ? value : extreme;
                case MAX -> extreme = count == 1 || compare(value, extreme) > 0 ? value : extreme;
                default -> {
                }
            }
        }

        private int compare(long a, long b) {
            return call.unsigned() ? Long.compareUnsigned(a, b) : Long.compare(a, b);
        }

        private void addToSum(long value) {
            if (wideSum == null && !(call.unsigned() && value < 0)) {
                long total = sum + value;
                if (((sum ^ total) & (value ^ total)) >= 0) {
                    sum = total;
                    return;
                }
            }
            if (wideSum == null) {
                wideSum = BigInteger.valueOf(sum);
            }
            wideSum = wideSum.add(call.unsigned() ? new BigInteger(Long.toUnsignedString(value)) : BigInteger.valueOf(value));
        }

        Object result() {
            return switch (call.kind()) {
                case COUNT -> count;
                case SUM0 -> typed(wideSum != null ? wideSum : BigInteger.valueOf(sum));
                case SUM -> count == 0 ? null : typed(wideSum != null ? wideSum : BigInteger.valueOf(sum));
                default -> count == 0 ? null
                        : typed(call.unsigned() ? new BigInteger(Long.toUnsignedString(extreme)) : BigInteger.valueOf(extreme));
            };
        }

        private Object typed(BigInteger value) {
            return switch (call.resultType()) {
                case INTEGER -> value.intValue();
                case BIGINT -> value.longValue();
                default -> new BigDecimal(value);
            };
        }
    }
}
