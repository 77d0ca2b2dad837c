package dev.rustbin.calcite.gandiva;

import dev.rustbin.calcite.gandiva.ColumnExpr.And;
import dev.rustbin.calcite.gandiva.ColumnExpr.Call;
import dev.rustbin.calcite.gandiva.ColumnExpr.Field;
import dev.rustbin.calcite.gandiva.ColumnExpr.Or;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An expression renumbered over only the columns it reads, in batch order: the form Gandiva
 * compiles (its schema holds just those columns) and, as {@link #expr}, the cache key: the same
 * predicate over differently projected scans shares one compiled module.
 */
record CompactExpr(List<ColumnExpr> exprs, int[] batchColumns) {

    static CompactExpr of(ColumnExpr expr) {
        return of(List.of(expr));
    }

    /** Several expressions (a projector's outputs) renumbered together over the columns they read. */
    static CompactExpr of(List<ColumnExpr> exprs) {
        TreeMap<Integer, Integer> positions = new TreeMap<>();
        exprs.forEach(e -> collect(e, positions));
        int next = 0;
        for (var entry : positions.entrySet()) {
            entry.setValue(next++);
        }
        List<ColumnExpr> renumbered = exprs.stream()
                .map(e -> rewrite(e, f -> new Field(positions.get(f.index()), f.name(), f.type(), f.nullable(), f.unsignedBits())))
                .toList();
        return new CompactExpr(renumbered, positions.keySet().stream().mapToInt(Integer::intValue).toArray());
    }

    /** The single expression of a compacted predicate. */
    ColumnExpr expr() {
        return exprs.get(0);
    }

    /** The Arrow schema Gandiva compiles against: the read columns with the types Gandiva sees. */
    Schema schema() {
        TreeMap<Integer, org.apache.arrow.vector.types.pojo.Field> fields = new TreeMap<>();
        exprs.forEach(e -> collectFields(e, fields));
        return new Schema(List.copyOf(fields.values()));
    }

    /** The buffers of the read columns, in the order the compiled schema lists them. */
    static List<ArrowBuf> buffers(VectorSchemaRoot batch, int[] batchColumns) {
        List<ArrowBuf> buffers = new ArrayList<>();
        for (int column : batchColumns) {
            buffers.addAll(batch.getVector(column).getFieldBuffers());
        }
        return buffers;
    }

    static org.apache.arrow.vector.types.pojo.Field arrowField(Field f) {
        return new org.apache.arrow.vector.types.pojo.Field(f.name(), new FieldType(f.nullable(), f.type(), null), null);
    }

    private static void collect(ColumnExpr expr, TreeMap<Integer, Integer> positions) {
        if (expr instanceof Field f) {
            positions.put(f.index(), 0);
        }
        ColumnExpr.args(expr).forEach(a -> collect(a, positions));
    }

    private static void collectFields(ColumnExpr expr, TreeMap<Integer, org.apache.arrow.vector.types.pojo.Field> fields) {
        if (expr instanceof Field f) {
            fields.put(f.index(), arrowField(f));
        }
        ColumnExpr.args(expr).forEach(a -> collectFields(a, fields));
    }

    private static ColumnExpr rewrite(ColumnExpr expr, UnaryOperator<Field> fields) {
        if (expr instanceof Field f) {
            return fields.apply(f);
        }
        List<ColumnExpr> args = ColumnExpr.args(expr).stream().map(a -> rewrite(a, fields)).toList();
        if (expr instanceof Call c) {
            return new Call(c.function(), args, c.type());
        }
        if (expr instanceof And) {
            return new And(args);
        }
        return expr instanceof Or ? new Or(args) : expr;
    }
}
