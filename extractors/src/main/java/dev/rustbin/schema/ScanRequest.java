package dev.rustbin.schema;

import dev.rustbin.format.BinaryTarget;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a query lets a scan skip: the columns it selects, and simple predicates taken from its
 * filters (a set of allowed values, or an unsigned range, per column). A scan may use them to do
 * less work; it may still produce rows outside them (the engine filters again) but must never drop
 * a row inside them.
 */
public record ScanRequest(Set<String> columns, Map<String, Set<String>> allowedValues, Map<String, AddressRange> ranges) {

    /** An inclusive range of unsigned 64-bit values. */
    public record AddressRange(long lowest, long highest) {

        public static final AddressRange ALL = new AddressRange(0, -1L);
        private static final AddressRange NONE = new AddressRange(1, 0);
        private static final BigDecimal MAX_UINT64 = new BigDecimal(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));

        /** How a filter compares a column with a constant. */
        public enum Comparison { EQUAL, GREATER, GREATER_OR_EQUAL, LESS, LESS_OR_EQUAL }

        /** The unsigned values {@code v} with {@code v <comparison> bound}; the bound may be negative, fractional or too large. */
        public static AddressRange satisfying(Comparison comparison, BigDecimal bound) {
            return switch (comparison) {
                case EQUAL -> bound.stripTrailingZeros().scale() > 0 ? NONE : new AddressRange(clamp(bound), clamp(bound));
                case GREATER -> atLeast(bound.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE));
                case GREATER_OR_EQUAL -> atLeast(bound.setScale(0, RoundingMode.CEILING));
                case LESS -> atMost(bound.setScale(0, RoundingMode.CEILING).subtract(BigDecimal.ONE));
                case LESS_OR_EQUAL -> atMost(bound.setScale(0, RoundingMode.FLOOR));
            };
        }

        private static AddressRange atLeast(BigDecimal low) {
            return low.compareTo(MAX_UINT64) > 0 ? NONE : new AddressRange(clamp(low), -1L);
        }

        private static AddressRange atMost(BigDecimal high) {
            return high.signum() < 0 ? NONE : new AddressRange(0, clamp(high));
        }

        /** An unsigned value as the long with the same bits, clamped to [0, 2^64 - 1]. */
        private static long clamp(BigDecimal value) {
            if (value.signum() <= 0) {
                return 0;
            }
            return value.min(MAX_UINT64).toBigInteger().longValue();
        }

        public boolean contains(long value) {
            return Long.compareUnsigned(value, lowest) >= 0 && Long.compareUnsigned(value, highest) <= 0;
        }

        public AddressRange intersect(AddressRange other) {
            long low = Long.compareUnsigned(lowest, other.lowest) >= 0 ? lowest : other.lowest;
            long high = Long.compareUnsigned(highest, other.highest) <= 0 ? highest : other.highest;
            return new AddressRange(low, high);
        }

        public boolean isEmpty() {
            return Long.compareUnsigned(lowest, highest) > 0;
        }
    }

    /** No columns and no restrictions: every row. */
    public static final ScanRequest UNRESTRICTED = new ScanRequest(Set.of(), Map.of(), Map.of());

    public static ScanRequest allColumnsOf(TableSchema<?> table) {
        return new ScanRequest(Set.copyOf(table.columns().stream().map(Column::name).toList()), Map.of(), Map.of());
    }

    /** The same predicates, for {@code selected} columns. */
    public ScanRequest withColumns(Set<String> selected) {
        return new ScanRequest(Set.copyOf(selected), allowedValues, ranges);
    }

    /** This request with {@code column} further restricted to {@code values}. */
    public ScanRequest and(String column, Set<String> values) {
        Map<String, Set<String>> narrowed = new HashMap<>(allowedValues);
        narrowed.merge(column, Set.copyOf(values), (a, b) -> a.stream().filter(b::contains).collect(Collectors.toUnmodifiableSet()));
        return new ScanRequest(columns, Map.copyOf(narrowed), ranges);
    }

    /** This request with {@code column} further restricted to {@code range}. */
    public ScanRequest and(String column, AddressRange range) {
        Map<String, AddressRange> narrowed = new HashMap<>(ranges);
        narrowed.merge(column, range, AddressRange::intersect);
        return new ScanRequest(columns, allowedValues, Map.copyOf(narrowed));
    }

    /** This request's columns, restricted by its own predicates and by {@code other}'s too. */
    public ScanRequest and(ScanRequest other) {
        ScanRequest narrowed = this;
        for (Map.Entry<String, Set<String>> values : other.allowedValues.entrySet()) {
            narrowed = narrowed.and(values.getKey(), values.getValue());
        }
        for (Map.Entry<String, AddressRange> range : other.ranges.entrySet()) {
            narrowed = narrowed.and(range.getKey(), range.getValue());
        }
        return narrowed;
    }

    /** False when the request lets a scan skip no row. */
    public boolean restricts() {
        return !allowedValues.isEmpty() || !ranges.isEmpty();
    }

    /** The predicates as one text, the same for equal predicates whatever order they came in (the columns are left out). */
    public String restrictionText() {
        List<String> predicates = new ArrayList<>();
        new TreeMap<>(allowedValues).forEach((column, values) -> predicates.add(column + " in " + new TreeSet<>(values)));
        new TreeMap<>(ranges).forEach((column, range) -> predicates.add(column + " from " + Long.toUnsignedString(range.lowest(), 16)
                + " to " + Long.toUnsignedString(range.highest(), 16)));
        return String.join("; ", predicates);
    }

    public boolean selects(String column) {
        return columns.contains(column);
    }

    /** The values a text column may take, when the filters restrict it to a finite set. */
    public Optional<Set<String>> valuesOf(String column) {
        return Optional.ofNullable(allowedValues.get(column));
    }

    /** False when a filter on the path column rules out every row of {@code target}. */
    public boolean mayRead(BinaryTarget target) {
        return valuesOf("path").map(paths -> paths.contains(target.pathText())).orElse(true);
    }

    public AddressRange rangeOf(String column) {
        return ranges.getOrDefault(column, AddressRange.ALL);
    }
}
