package dev.rustbin.calcite.gandiva;

import dev.rustbin.calcite.gandiva.ColumnExpr.And;
import dev.rustbin.calcite.gandiva.ColumnExpr.Call;
import dev.rustbin.calcite.gandiva.ColumnExpr.Field;
import dev.rustbin.calcite.gandiva.ColumnExpr.Literal;
import dev.rustbin.calcite.gandiva.ColumnExpr.Or;
import dev.rustbin.schema.Column;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Translates a Calcite predicate over a scan's columns into a {@link ColumnExpr}, or returns null
 * when some part has no exact columnar equivalent (that conjunct then stays in Calcite). Exactness
 * rules: literals must fit the column's Arrow type (no widening), LIKE patterns must not use an
 * escape, and uint64 columns, which Gandiva receives as int64 over the same bits, are only
 * compared with literals (rewritten with sign tests) or tested for equality.
 */
public final class RexTranslator {

    private static final ArrowType INT64 = Column.INT64;
    private static final BigDecimal TWO_TO_63 = new BigDecimal(BigInteger.ONE.shiftLeft(63));
    private static final BigDecimal TWO_TO_64 = new BigDecimal(BigInteger.ONE.shiftLeft(64));
    private static final Map<SqlKind, String> COMPARISONS = Map.of(
            SqlKind.EQUALS, "equal",
            SqlKind.NOT_EQUALS, "not_equal",
            SqlKind.LESS_THAN, "less_than",
            SqlKind.LESS_THAN_OR_EQUAL, "less_than_or_equal_to",
            SqlKind.GREATER_THAN, "greater_than",
            SqlKind.GREATER_THAN_OR_EQUAL, "greater_than_or_equal_to");

    private final List<Field> fields;

    /** {@code columns}: the scan's output columns, in order. */
    public RexTranslator(List<? extends Column<?>> columns) {
        List<Field> list = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column<?> c = columns.get(i);
            boolean unsigned = c.type().equals(Column.UINT64);
            list.add(new Field(i, c.name(), unsigned ? INT64 : c.type(), c.nullable(), unsigned));
        }
        this.fields = List.copyOf(list);
    }

    /** A scan column as passed through unchanged. */
    public Field column(int index) {
        return fields.get(index);
    }

    /** The predicate as a columnar expression, or null when it cannot be evaluated exactly on batches. */
    public ColumnExpr predicate(RexNode node) {
        switch (node.getKind()) {
            case INPUT_REF:
                Field f = fields.get(((RexInputRef) node).getIndex());
                return f.type().equals(ColumnExpr.BOOL) ? f : null;
            case AND:
            case OR:
                List<ColumnExpr> args = new ArrayList<>();
                for (RexNode operand : ((RexCall) node).getOperands()) {
                    ColumnExpr arg = predicate(operand);
                    if (arg == null) {
                        return null;
                    }
                    args.add(arg);
                }
                return node.getKind() == SqlKind.AND ? new And(args) : new Or(args);
            case NOT:
                return not(predicate(operand(node, 0)));
            case IS_NULL:
            case IS_NOT_NULL:
                Field tested = field(operand(node, 0));
                return tested == null ? null : new Call(node.getKind() == SqlKind.IS_NULL ? "isnull" : "isnotnull", List.of(tested), ColumnExpr.BOOL);
            case IS_TRUE:
            case IS_NOT_TRUE:
            case IS_FALSE:
            case IS_NOT_FALSE:
                return truthTest(node);
            case LIKE:
                return like((RexCall) node);
            default:
                String function = COMPARISONS.get(node.getKind());
                return function == null ? null : comparison((RexCall) node);
        }
    }

    /**
     * A computed value (a projection's expression) as a columnar expression, or null. Supported:
     * predicates, + - * of two signed integers of one type, CHAR_LENGTH, UPPER and LOWER. Plain
     * column references are not computed (the pipeline passes them through), and uint64 columns
     * are never computed on: their arithmetic in SQL is DECIMAL, which has no wrap-around.
     */
    public ColumnExpr value(RexNode node) {
        ArrowType type = arrowTypeOf(node.getType().getSqlTypeName());
        if (type == null || node instanceof RexInputRef) {
            return null;
        }
        if (type.equals(ColumnExpr.BOOL)) {
            return predicate(node);
        }
        String function = switch (node.getKind()) {
            case PLUS -> "add";
            case MINUS -> "subtract";
            case TIMES -> "multiply";
            default -> null;
        };
        if (function != null) {
            ColumnExpr left = operandValue(operand(node, 0), type);
            ColumnExpr right = operandValue(operand(node, 1), type);
            return left == null || right == null || !type.equals(Column.INT32) && !type.equals(Column.INT64) ? null
                    : new Call(function, List.of(left, right), type);
        }
        if (node instanceof RexCall call && call.getOperands().size() == 1) {
            ColumnExpr text = operandValue(call.getOperands().get(0), Column.UTF8);
            String name = call.getOperator() == SqlStdOperatorTable.CHAR_LENGTH || call.getOperator() == SqlStdOperatorTable.CHARACTER_LENGTH
                    ? "char_length" : call.getOperator() == SqlStdOperatorTable.UPPER ? "upper"
                    : call.getOperator() == SqlStdOperatorTable.LOWER ? "lower" : null;
            return text == null || name == null ? null : new Call(name, List.of(text), type);
        }
        return null;
    }

    /** An operand of a computed value: a column or literal of exactly {@code type}, or a nested value. */
    private ColumnExpr operandValue(RexNode node, ArrowType type) {
        if (node instanceof RexInputRef) {
            Field f = field(node);
            return f.unsignedBits() || !f.type().equals(type) ? null : f;
        }
        if (node instanceof RexLiteral literal) {
            return literal.isNull() ? null : literalOf(type, literal);
        }
        ColumnExpr nested = value(node);
        return nested != null && nested.type().equals(type) ? nested : null;
    }

    private static ArrowType arrowTypeOf(SqlTypeName type) {
        return switch (type) {
            case INTEGER -> Column.INT32;
            case BIGINT -> Column.INT64;
            case CHAR, VARCHAR -> Column.UTF8;
            case BOOLEAN -> ColumnExpr.BOOL;
            default -> null;
        };
    }

    private static RexNode operand(RexNode node, int i) {
        return ((RexCall) node).getOperands().get(i);
    }

    private Field field(RexNode node) {
        return node instanceof RexInputRef ref ? fields.get(ref.getIndex()) : null;
    }

    private static ColumnExpr not(ColumnExpr arg) {
        return arg == null ? null : new Call("not", List.of(arg), ColumnExpr.BOOL);
    }

    /** x IS TRUE is x AND x IS NOT NULL (false, never null, for a null x); the others follow. */
    private ColumnExpr truthTest(RexNode node) {
        ColumnExpr x = predicate(operand(node, 0));
        Field column = field(operand(node, 0));
        if (x == null || column == null) {
            return null;
        }
        Call notNull = new Call("isnotnull", List.of(column), ColumnExpr.BOOL);
        return switch (node.getKind()) {
            case IS_TRUE -> new And(List.of(notNull, x));
            case IS_NOT_TRUE -> not(new And(List.of(notNull, x)));
            case IS_FALSE -> new And(List.of(notNull, not(x)));
            default -> not(new And(List.of(notNull, not(x))));
        };
    }

    private ColumnExpr like(RexCall call) {
        Field text = field(call.getOperands().get(0));
        if (call.getOperator() != SqlStdOperatorTable.LIKE || call.getOperands().size() != 2 || text == null
                || !text.type().equals(Column.UTF8) || !(call.getOperands().get(1) instanceof RexLiteral literal)) {
            return null;
        }
        String pattern = literal.getValueAs(String.class);
        if (pattern == null || pattern.indexOf('\\') >= 0) {
            return null;
        }
        if (pattern.length() > 1 && pattern.endsWith("%") && noWildcard(pattern.substring(0, pattern.length() - 1))) {
            return new Call("starts_with", List.of(text, new Literal(pattern.substring(0, pattern.length() - 1), Column.UTF8)), ColumnExpr.BOOL);
        }
        if (pattern.length() > 1 && pattern.startsWith("%") && noWildcard(pattern.substring(1))) {
            return new Call("ends_with", List.of(text, new Literal(pattern.substring(1), Column.UTF8)), ColumnExpr.BOOL);
        }
        return new Call("like", List.of(text, new Literal(pattern, Column.UTF8)), ColumnExpr.BOOL);
    }

    private static boolean noWildcard(String text) {
        return text.indexOf('%') < 0 && text.indexOf('_') < 0;
    }

    private ColumnExpr comparison(RexCall call) {
        SqlKind kind = call.getKind();
        RexNode left = call.getOperands().get(0);
        RexNode right = call.getOperands().get(1);
        if (left instanceof RexLiteral && right instanceof RexInputRef) {
            RexNode swap = left;
            left = right;
            right = swap;
            kind = kind.reverse();
        }
        Field column = field(left);
        if (column == null) {
            return null;
        }
        String function = COMPARISONS.get(kind);
        Field other = field(right);
        if (other != null) {
            boolean ordering = kind != SqlKind.EQUALS && kind != SqlKind.NOT_EQUALS;
            if (!other.type().equals(column.type()) || (ordering && (column.unsignedBits() || other.unsignedBits()))
                    || column.unsignedBits() != other.unsignedBits()) {
                return null;
            }
            return new Call(function, List.of(column, other), ColumnExpr.BOOL);
        }
        if (!(right instanceof RexLiteral literal) || literal.isNull()) {
            return null;
        }
        if (column.unsignedBits()) {
            return unsignedComparison(kind, column, literal.getValueAs(BigDecimal.class));
        }
        Literal value = literalOf(column.type(), literal);
        return value == null ? null : new Call(function, List.of(column, value), ColumnExpr.BOOL);
    }

    private static Literal literalOf(ArrowType type, RexLiteral literal) {
        if (type.equals(Column.UTF8)) {
            String text = literal.getValueAs(String.class);
            return text == null ? null : new Literal(text, type);
        }
        if (type.equals(ColumnExpr.BOOL)) {
            Boolean flag = literal.getValueAs(Boolean.class);
            return flag == null ? null : new Literal(flag, type);
        }
        if (type.equals(Column.BINARY)) {
            ByteString bytes = literal.getValueAs(ByteString.class);
            return bytes == null ? null : new Literal(bytes, type);
        }
        if (type.equals(Column.INT64) || type.equals(Column.INT32)) {
            BigDecimal number = literal.getValueAs(BigDecimal.class);
            if (number == null || number.stripTrailingZeros().scale() > 0) {
                return null;
            }
            try {
                return type.equals(Column.INT64) ? new Literal(number.longValueExact(), type) : new Literal(number.intValueExact(), type);
            } catch (ArithmeticException outOfRange) {
                return null;
            }
        }
        return null;
    }

    /**
     * {@code column op L} for a uint64 column seen as signed bits s. Equality compares bits; an
     * ordering splits on the sign of s: values at or above 2^63 are the negative ones.
     */
    private static ColumnExpr unsignedComparison(SqlKind kind, Field column, BigDecimal bound) {
        if (bound == null || bound.stripTrailingZeros().scale() > 0 || bound.signum() < 0 || bound.compareTo(TWO_TO_64) >= 0) {
            return null;
        }
        boolean high = bound.compareTo(TWO_TO_63) >= 0;
        Literal bits = new Literal(bound.toBigInteger().longValue(), INT64);
        Literal zero = new Literal(0L, INT64);
        Call compared = new Call(COMPARISONS.get(kind), List.of(column, bits), ColumnExpr.BOOL);
        Call low = new Call("greater_than_or_equal_to", List.of(column, zero), ColumnExpr.BOOL);
        Call negative = new Call("less_than", List.of(column, zero), ColumnExpr.BOOL);
        return switch (kind) {
            case EQUALS, NOT_EQUALS -> compared;
            case LESS_THAN, LESS_THAN_OR_EQUAL -> high ? new Or(List.of(low, compared)) : new And(List.of(low, compared));
            default -> high ? new And(List.of(negative, compared)) : new Or(List.of(negative, compared));
        };
    }
}
