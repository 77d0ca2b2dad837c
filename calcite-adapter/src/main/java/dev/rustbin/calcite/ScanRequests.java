package dev.rustbin.calcite;

import dev.rustbin.schema.Column;
import dev.rustbin.schema.ScanRequest;
import dev.rustbin.schema.ScanRequest.AddressRange;
import dev.rustbin.schema.ScanRequest.AddressRange.Comparison;
import dev.rustbin.schema.TableSchema;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * Reads, from the filters Calcite hands a scan, the predicates extractors can use to skip work:
 * {@code col = 'x'} and {@code col IN (...)} on text columns, comparisons and BETWEEN on unsigned
 * columns. Anything else is left to Calcite, which evaluates every filter again on the rows.
 */
public final class ScanRequests {

    private ScanRequests() {
    }

    public static ScanRequest of(TableSchema<?> table, int[] projection, List<RexNode> filters, RexBuilder rexBuilder) {
        Set<String> columns = new HashSet<>();
        for (int index : projection) {
            columns.add(table.columns().get(index).name());
        }
        Map<String, Set<String>> values = new HashMap<>();
        Map<String, AddressRange> ranges = new HashMap<>();
        for (RexNode filter : filters) {
            for (RexNode conjunct : RelOptUtil.conjunctions(RexUtil.expandSearch(rexBuilder, null, filter))) {
                readConjunct(table, conjunct, values, ranges);
            }
        }
        return new ScanRequest(Set.copyOf(columns), Map.copyOf(values), Map.copyOf(ranges));
    }

    private static void readConjunct(TableSchema<?> table, RexNode node, Map<String, Set<String>> values,
                                     Map<String, AddressRange> ranges) {
        if (node.getKind() == SqlKind.OR) {
            Set<String> alternatives = new HashSet<>();
            String column = null;
            for (RexNode disjunct : RelOptUtil.disjunctions(node)) {
                Equality e = textEquality(table, disjunct);
                if (e == null || (column != null && !column.equals(e.column()))) {
                    return;
                }
                column = e.column();
                alternatives.add(e.value());
            }
            if (column != null) {
                values.merge(column, alternatives, ScanRequests::intersect);
            }
            return;
        }
        Equality equality = textEquality(table, node);
        if (equality != null) {
            values.merge(equality.column(), Set.of(equality.value()), ScanRequests::intersect);
            return;
        }
        if (node instanceof RexCall call && call.getOperands().size() == 2) {
            SqlKind kind = call.getKind();
            RexNode left = call.getOperands().get(0);
            RexNode right = call.getOperands().get(1);
            if (right instanceof RexInputRef && left instanceof RexLiteral) {
                kind = kind.reverse();
                RexNode swap = left;
                left = right;
                right = swap;
            }
            if (left instanceof RexInputRef ref && right instanceof RexLiteral literal
                    && table.columns().get(ref.getIndex()).type().equals(Column.UINT64)) {
                BigDecimal bound = literal.getValueAs(BigDecimal.class);
                AddressRange range = bound == null ? null : rangeFor(kind, bound);
                if (range != null) {
                    ranges.merge(table.columns().get(ref.getIndex()).name(), range, AddressRange::intersect);
                }
            }
        }
    }

    private record Equality(String column, String value) {
    }

    private static Equality textEquality(TableSchema<?> table, RexNode node) {
        if (node.getKind() != SqlKind.EQUALS) {
            return null;
        }
        List<RexNode> operands = ((RexCall) node).getOperands();
        RexNode ref = operands.get(0) instanceof RexInputRef ? operands.get(0) : operands.get(1);
        RexNode literal = ref == operands.get(0) ? operands.get(1) : operands.get(0);
        if (ref instanceof RexInputRef input && literal instanceof RexLiteral value
                && table.columns().get(input.getIndex()).type().equals(Column.UTF8)) {
            String text = value.getValueAs(String.class);
            return text == null ? null : new Equality(table.columns().get(input.getIndex()).name(), text);
        }
        return null;
    }

    private static AddressRange rangeFor(SqlKind kind, BigDecimal bound) {
        Comparison comparison = switch (kind) {
            case EQUALS -> Comparison.EQUAL;
            case GREATER_THAN -> Comparison.GREATER;
            case GREATER_THAN_OR_EQUAL -> Comparison.GREATER_OR_EQUAL;
            case LESS_THAN -> Comparison.LESS;
            case LESS_THAN_OR_EQUAL -> Comparison.LESS_OR_EQUAL;
            default -> null;
        };
        return comparison == null ? null : AddressRange.satisfying(comparison, bound);
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return both;
    }
}
