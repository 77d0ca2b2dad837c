package dev.rustbin.jdbc;

import dev.rustbin.schema.Column;
import dev.rustbin.schema.TableSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Test-only: seeded random SQL predicates over one table's columns, typed correctly, mixing what
 * the columnar engines can run (comparisons, IN, BETWEEN, LIKE, IS NULL, AND/OR/NOT, boundary
 * values of unsigned 64-bit columns) with what must stay in Calcite (functions, arithmetic,
 * orderings between two unsigned columns, out-of-range literals).
 */
final class RandomPredicates {

    private static final String[] UNSIGNED_EDGES = {"0", "1", "9223372036854775807", "9223372036854775808",
            "18446744073709551615", "-1", "18446744073709551616", "4096.5"};
    private static final String[] STRING_OPS = {"=", "<>", "<", ">=", "<=", ">"};

    private final TableSchema<?> table;
    private final Map<String, List<Object>> samples;
    private final Random random;

    /** {@code samples}: values that occur in each column, so predicates select something. */
    RandomPredicates(TableSchema<?> table, Map<String, List<Object>> samples, long seed) {
        this.table = table;
        this.samples = samples;
        this.random = new Random(seed);
    }

    String next() {
        return predicate(0);
    }

    private String predicate(int depth) {
        double r = random.nextDouble();
        if (depth >= 2 || r < 0.5) {
            return atom();
        }
        if (r < 0.7) {
            return "(" + predicate(depth + 1) + " and " + predicate(depth + 1) + ")";
        }
        if (r < 0.9) {
            return "(" + predicate(depth + 1) + " or " + predicate(depth + 1) + ")";
        }
        return "not (" + predicate(depth + 1) + ")";
    }

    private String atom() {
        Column<?> column = table.columns().get(random.nextInt(table.columns().size()));
        String c = identifier(column.name());
        if (random.nextInt(10) == 0) {
            return c + (random.nextBoolean() ? " is null" : " is not null");
        }
        if (column.type().equals(Column.UTF8)) {
            return text(c);
        }
        if (column.type().equals(Column.UINT64)) {
            return unsigned(c);
        }
        if (column.type().equals(Column.INT32) || column.type().equals(Column.INT64)) {
            return signed(c);
        }
        if (column.type().equals(Column.BOOL)) {
            return pick(c, "not " + c, c + " = true", c + " = false", c + " is true", c + " is not true", c + " is false",
                    c + " is not false");
        }
        return pick(c + " = X'" + Integer.toHexString(0x1000 + random.nextInt(0xf000)) + "'", c + " <> X'c3'", c + " is not null");
    }

    private String text(String c) {
        String v = sampleText(c);
        return switch (random.nextInt(12)) {
            case 0, 1 -> c + " " + STRING_OPS[random.nextInt(STRING_OPS.length)] + " " + quote(v);
            case 2 -> c + " like " + quote(prefix(v) + "%");
            case 3 -> c + " like " + quote("%" + suffix(v));
            case 4 -> c + " like " + quote("%" + middle(v) + "%");
            case 5 -> c + " not like " + quote("_" + (v.length() > 1 ? v.substring(1, Math.min(v.length(), 4)) : "") + "%");
            case 6 -> c + " in (" + quote(v) + ", " + quote(sampleText(c)) + ", " + quote(sampleText(c)) + ")";
            case 7 -> c + " = " + otherColumn(c, Column.UTF8);
            case 8 -> "char_length(" + c + ") > " + random.nextInt(12);
            case 9 -> "upper(" + c + ") = " + quote(v.toUpperCase());
            case 10 -> c + " between " + quote(v) + " and " + quote(sampleText(c));
            default -> c + " = " + quote(v);
        };
    }

    private String unsigned(String c) {
        String v = sampleNumber(c);
        return switch (random.nextInt(11)) {
            case 0, 1 -> c + " " + STRING_OPS[random.nextInt(STRING_OPS.length)] + " " + v;
            case 2 -> c + " " + STRING_OPS[random.nextInt(STRING_OPS.length)] + " " + UNSIGNED_EDGES[random.nextInt(UNSIGNED_EDGES.length)];
            case 3 -> c + " between " + v + " and " + sampleNumber(c);
            case 4 -> c + " in (" + v + ", " + sampleNumber(c) + ", " + UNSIGNED_EDGES[random.nextInt(4)] + ")";
            case 5 -> c + " = " + otherColumn(c, Column.UINT64);
            case 6 -> c + " < " + otherColumn(c, Column.UINT64);
            case 7 -> c + " + 1 > " + v;
            case 8 -> c + " not in (" + v + ", " + sampleNumber(c) + ")";
            case 9 -> c + " > " + new BigDecimal(v).add(BigDecimal.valueOf(random.nextInt(64) - 32)).max(BigDecimal.ZERO);
            default -> c + " = " + v;
        };
    }

    private String signed(String c) {
        String v = sampleNumber(c);
        return switch (random.nextInt(7)) {
            case 0, 1 -> c + " " + STRING_OPS[random.nextInt(STRING_OPS.length)] + " " + v;
            case 2 -> c + " between " + v + " and " + sampleNumber(c);
            case 3 -> c + " in (" + v + ", " + sampleNumber(c) + ", -1)";
            case 4 -> c + " > " + (random.nextInt(200) - 100);
            case 5 -> c + " * 2 > " + v;
            default -> c + " <> " + v;
        };
    }

    private String otherColumn(String c, org.apache.arrow.vector.types.pojo.ArrowType type) {
        List<String> same = table.columns().stream().filter(o -> o.type().equals(type)).map(o -> identifier(o.name())).toList();
        return same.get(random.nextInt(same.size()));
    }

    private String sampleText(String c) {
        List<Object> values = samples.getOrDefault(c.substring(1, c.length() - 1), List.of());
        if (values.isEmpty() || random.nextInt(5) == 0) {
            return random.ints(1 + random.nextInt(5), 'a', 'z' + 1).mapToObj(ch -> String.valueOf((char) ch)).collect(Collectors.joining());
        }
        return String.valueOf(values.get(random.nextInt(values.size())));
    }

    private String sampleNumber(String c) {
        List<Object> values = samples.getOrDefault(c.substring(1, c.length() - 1), List.of());
        if (values.isEmpty() || random.nextInt(5) == 0) {
            return String.valueOf(random.nextInt(100_000));
        }
        return new BigDecimal(String.valueOf(values.get(random.nextInt(values.size())))).toPlainString();
    }

    private String prefix(String v) {
        return v.substring(0, random.nextInt(Math.min(v.length(), 8) + 1));
    }

    private String suffix(String v) {
        return v.substring(v.length() - random.nextInt(Math.min(v.length(), 8) + 1));
    }

    private String middle(String v) {
        int from = random.nextInt(v.length() + 1);
        return v.substring(from, Math.min(v.length(), from + random.nextInt(6)));
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    /** Column names double-quoted: some (ordinal, size) are SQL keywords. */
    static String identifier(String name) {
        return '"' + name + '"';
    }

    static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** Every predicate of a run, for the failure message. */
    static List<String> batch(RandomPredicates generator, int count) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(generator.next());
        }
        return all;
    }
}
