package dev.rustbin.spark;

import dev.rustbin.schema.Column;
import dev.rustbin.schema.ScanRequest;
import dev.rustbin.schema.ScanRequest.AddressRange;
import dev.rustbin.schema.ScanRequest.AddressRange.Comparison;
import dev.rustbin.schema.TableSchema;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;

/**
 * Reads, from Spark's filters, the predicates extractors can use to skip work: {@code col = 'x'}
 * and {@code col IN (...)} on text columns, comparisons with a constant on unsigned columns, and
 * conjunctions of these. The same hints the Calcite adapter takes from its filters.
 */
final class FilterHints {

    private FilterHints() {
    }

    /** True when {@code filter} gives the scan something to skip by. */
    static boolean narrows(TableSchema<?> table, Filter filter) {
        ScanRequest none = new ScanRequest(Set.of(), Map.of(), Map.of());
        return !narrow(table, filter, none).equals(none);
    }

    /** {@code request} further narrowed by what {@code filter} lets a scan skip. */
    static ScanRequest narrow(TableSchema<?> table, Filter filter, ScanRequest request) {
        if (filter instanceof And and) {
            return narrow(table, and.right(), narrow(table, and.left(), request));
        }
        if (filter instanceof In in && isType(table, in.attribute(), Column.UTF8)
                && Arrays.stream(in.values()).allMatch(String.class::isInstance)) {
            return request.and(in.attribute(), Arrays.stream(in.values()).map(String.class::cast).collect(Collectors.toSet()));
        }
        if (filter instanceof EqualTo eq && isType(table, eq.attribute(), Column.UTF8) && eq.value() instanceof String text) {
            return request.and(eq.attribute(), Set.of(text));
        }
        if (filter instanceof EqualTo eq) {
            return compared(table, eq.attribute(), Comparison.EQUAL, eq.value(), request);
        }
        if (filter instanceof GreaterThan gt) {
            return compared(table, gt.attribute(), Comparison.GREATER, gt.value(), request);
        }
        if (filter instanceof GreaterThanOrEqual ge) {
            return compared(table, ge.attribute(), Comparison.GREATER_OR_EQUAL, ge.value(), request);
        }
        if (filter instanceof LessThan lt) {
            return compared(table, lt.attribute(), Comparison.LESS, lt.value(), request);
        }
        if (filter instanceof LessThanOrEqual le) {
            return compared(table, le.attribute(), Comparison.LESS_OR_EQUAL, le.value(), request);
        }
        return request;
    }

    private static ScanRequest compared(TableSchema<?> table, String column, Comparison comparison, Object value, ScanRequest request) {
        if (!isType(table, column, Column.UINT64) || !(value instanceof Number || value instanceof scala.math.BigDecimal)) {
            return request;
        }
        return request.and(column, AddressRange.satisfying(comparison, new BigDecimal(value.toString())));
    }

    private static boolean isType(TableSchema<?> table, String column, org.apache.arrow.vector.types.pojo.ArrowType type) {
        return table.columns().stream().anyMatch(c -> c.name().equals(column) && c.type().equals(type));
    }
}
