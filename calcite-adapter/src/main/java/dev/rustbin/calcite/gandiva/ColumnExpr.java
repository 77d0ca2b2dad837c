package dev.rustbin.calcite.gandiva;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.calcite.avatica.util.ByteString;

/**
 * An expression over the columns of a batch in the terms Gandiva compiles: every node carries the
 * exact Arrow type Gandiva sees (it never widens). Both engines, Gandiva and the Java fallback,
 * evaluate this one tree, so they cannot disagree about what was pushed. Records compare by value:
 * a normalized tree is the key of the compiled-filter cache.
 */
public sealed interface ColumnExpr {

    ArrowType BOOL = ArrowType.Bool.INSTANCE;

    ArrowType type();

    /**
     * A column of the batch. {@code unsignedBits} marks a uint64 column handed to Gandiva as int64
     * over the same buffers: Gandiva 15 has no uint64 literal, so unsigned comparisons are rewritten
     * as signed ones (see {@link RexTranslator}).
     */
    record Field(int index, String name, ArrowType type, boolean nullable, boolean unsignedBits) implements ColumnExpr {
    }

    /** A constant: Long, Integer, Boolean, String or ByteString, matching {@link #type()}. */
    record Literal(Object value, ArrowType type) implements ColumnExpr {
    }

    /** A Gandiva function by its registry name, e.g. {@code less_than(int64, int64) -> bool}. */
    record Call(String function, List<ColumnExpr> args, ArrowType type) implements ColumnExpr {
    }

    /** SQL three-valued AND. */
    record And(List<ColumnExpr> args) implements ColumnExpr {
        @Override
        public ArrowType type() {
            return BOOL;
        }
    }

    /** SQL three-valued OR. */
    record Or(List<ColumnExpr> args) implements ColumnExpr {
        @Override
        public ArrowType type() {
            return BOOL;
        }
    }

    /** How EXPLAIN shows the tree: Gandiva's function names, columns by name. */
    static String render(ColumnExpr expr) {
        if (expr instanceof Field f) {
            return f.unsignedBits() ? f.name() + ":bits" : f.name();
        }
        if (expr instanceof Literal l) {
            if (l.value() instanceof String s) {
                return "'" + s.replace("'", "''") + "'";
            }
            return l.value() instanceof ByteString b ? "X'" + b + "'" : String.valueOf(l.value());
        }
        if (expr instanceof Call c) {
            return c.args().stream().map(ColumnExpr::render).collect(Collectors.joining(", ", c.function() + "(", ")"));
        }
        String joiner = expr instanceof And ? " and " : " or ";
        return args(expr).stream().map(ColumnExpr::render).collect(Collectors.joining(joiner, "(", ")"));
    }

    /** The operands of a node; none for fields and literals. */
    static List<ColumnExpr> args(ColumnExpr expr) {
        if (expr instanceof Call c) {
            return c.args();
        }
        if (expr instanceof And a) {
            return a.args();
        }
        return expr instanceof Or o ? o.args() : List.of();
    }
}
