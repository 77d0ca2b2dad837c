package dev.rustbin.schema;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    public static ScanRequest allColumnsOf(TableSchema<?> table) {
        return new ScanRequest(Set.copyOf(table.columns().stream().map(Column::name).toList()), Map.of(), Map.of());
    }

    public boolean selects(String column) {
        return columns.contains(column);
    }

    /** The values a text column may take, when the filters restrict it to a finite set. */
    public Optional<Set<String>> valuesOf(String column) {
        return Optional.ofNullable(allowedValues.get(column));
    }

    public AddressRange rangeOf(String column) {
        return ranges.getOrDefault(column, AddressRange.ALL);
    }
}
