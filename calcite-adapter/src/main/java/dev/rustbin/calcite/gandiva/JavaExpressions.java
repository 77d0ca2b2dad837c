package dev.rustbin.calcite.gandiva;

import dev.rustbin.calcite.ArrowValues;
import dev.rustbin.calcite.gandiva.ColumnExpr.And;
import dev.rustbin.calcite.gandiva.ColumnExpr.Call;
import dev.rustbin.calcite.gandiva.ColumnExpr.Field;
import dev.rustbin.calcite.gandiva.ColumnExpr.Literal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Evaluates a {@link ColumnExpr} in Java on a batch's vectors, with Gandiva's semantics: text and
 * bytes compare as unsigned bytes, uint64 columns as their signed bits, integer arithmetic wraps,
 * lengths count code points, SQL three-valued logic. Text is held as UTF-8 bytes, as in the vectors.
 */
final class JavaExpressions {

    /** One node bound to a batch: the value at a row, null for SQL NULL. */
    @FunctionalInterface
    interface Value {
        Object at(int row);
    }

    private JavaExpressions() {
    }

    static Value bind(ColumnExpr expr, VectorSchemaRoot batch) {
        if (expr instanceof Field f) {
            return ArrowValues.storedReaderFor(batch.getVector(f.index()))::read;
        }
        if (expr instanceof Literal l) {
            Object constant = constant(l.value());
            return row -> constant;
        }
        List<Value> args = ColumnExpr.args(expr).stream().map(a -> bind(a, batch)).toList();
        if (expr instanceof And) {
            return row -> and(args, row);
        }
        if (expr instanceof Call c) {
            return call(c, args);
        }
        return row -> or(args, row);
    }

    private static Object constant(Object literal) {
        if (literal instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        return literal instanceof ByteString b ? b.getBytes() : literal;
    }

    private static Value call(Call call, List<Value> args) {
        Value a = args.get(0);
        switch (call.function()) {
            case "not":
                return row -> a.at(row) instanceof Boolean b ? !b : null;
            case "isnull":
                return row -> a.at(row) == null;
            case "isnotnull":
                return row -> a.at(row) != null;
            case "like":
                Pattern like = likePattern(new String((byte[]) args.get(1).at(0), StandardCharsets.UTF_8));
                return row -> a.at(row) instanceof byte[] text ? like.matcher(new String(text, StandardCharsets.UTF_8)).matches() : null;
            case "starts_with":
                byte[] prefix = (byte[]) args.get(1).at(0);
                return row -> a.at(row) instanceof byte[] text ? text.length >= prefix.length
                        && Arrays.equals(text, 0, prefix.length, prefix, 0, prefix.length) : null;
            case "ends_with":
                byte[] suffix = (byte[]) args.get(1).at(0);
                return row -> a.at(row) instanceof byte[] text ? text.length >= suffix.length
                        && Arrays.equals(text, text.length - suffix.length, text.length, suffix, 0, suffix.length) : null;
            case "char_length":
                return row -> a.at(row) instanceof byte[] text ? decode(text).codePointCount(0, decode(text).length()) : null;
            case "upper":
                return row -> a.at(row) instanceof byte[] text ? encode(decode(text).toUpperCase(Locale.ROOT)) : null;
            case "lower":
                return row -> a.at(row) instanceof byte[] text ? encode(decode(text).toLowerCase(Locale.ROOT)) : null;
            case "add", "subtract", "multiply":
                return arithmetic(call.function(), a, args.get(1));
            default:
                return comparison(call.function(), a, args.get(1));
        }
    }

    private static String decode(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static byte[] encode(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Two's-complement arithmetic on int or long operands of one type, wrapping like Gandiva's. */
    private static Value arithmetic(String function, Value left, Value right) {
        return row -> {
            Object l = left.at(row);
            Object r = l == null ? null : right.at(row);
            if (r == null) {
                return null;
            }
            if (l instanceof Integer a) {
                int b = (Integer) r;
                return function.equals("add") ? a + b : function.equals("subtract") ? a - b : a * b;
            }
            long a = (Long) l;
            long b = (Long) r;
            return function.equals("add") ? a + b : function.equals("subtract") ? a - b : a * b;
        };
    }

    private static Value comparison(String function, Value left, Value right) {
        return row -> {
            Object l = left.at(row);
            Object r = l == null ? null : right.at(row);
            if (r == null) {
                return null;
            }
            int order = compare(l, r);
            return switch (function) {
                case "equal" -> order == 0;
                case "not_equal" -> order != 0;
                case "less_than" -> order < 0;
                case "less_than_or_equal_to" -> order <= 0;
                case "greater_than" -> order > 0;
                case "greater_than_or_equal_to" -> order >= 0;
                default -> throw new IllegalArgumentException("no Java evaluation for " + function);
            };
        };
    }

    @SuppressWarnings("unchecked")
    private static int compare(Object l, Object r) {
        if (l instanceof byte[] a) {
            return Arrays.compareUnsigned(a, (byte[]) r);
        }
        return ((Comparable<Object>) l).compareTo(r);
    }

    private static Object and(List<Value> args, int row) {
        boolean unknown = false;
        for (Value arg : args) {
            Object v = arg.at(row);
            if (Boolean.FALSE.equals(v)) {
                return false;
            }
            unknown |= v == null;
        }
        return unknown ? null : true;
    }

    private static Object or(List<Value> args, int row) {
        boolean unknown = false;
        for (Value arg : args) {
            Object v = arg.at(row);
            if (Boolean.TRUE.equals(v)) {
                return true;
            }
            unknown |= v == null;
        }
        return unknown ? null : false;
    }

    /** SQL LIKE without escape: % is any run, _ any one character, everything else literal. */
    static Pattern likePattern(String sql) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : sql.toCharArray()) {
            if (c == '%' || c == '_') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '%' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
