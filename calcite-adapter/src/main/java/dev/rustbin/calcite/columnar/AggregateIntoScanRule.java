package dev.rustbin.calcite.columnar;

import dev.rustbin.schema.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptRuleOperand;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Moves a simple GROUP BY onto the batches: one grouping set, keys that are scan columns, and
 * COUNT(*), COUNT(col), and SUM, MIN and MAX of integer columns, none DISTINCT or FILTERed (AVG
 * arrives here as SUM and COUNT: Calcite splits it). Anything else stays in Calcite.
 */
final class AggregateIntoScanRule extends RelOptRule {

    private static final Map<SqlKind, BatchAggregate.Kind> KINDS = Map.of(
            SqlKind.COUNT, BatchAggregate.Kind.COUNT,
            SqlKind.SUM, BatchAggregate.Kind.SUM,
            SqlKind.SUM0, BatchAggregate.Kind.SUM0,
            SqlKind.MIN, BatchAggregate.Kind.MIN,
            SqlKind.MAX, BatchAggregate.Kind.MAX);

    @SuppressWarnings("deprecation")
    static final AggregateIntoScanRule SCAN = new AggregateIntoScanRule(
            operand(LogicalAggregate.class, operand(ArrowTableScan.class, none())), "rustbin.AggregateIntoScanRule");

    @SuppressWarnings("deprecation")
    static final AggregateIntoScanRule FILTERED_SCAN = new AggregateIntoScanRule(
            operand(LogicalAggregate.class, operand(ArrowFilter.class, operand(ArrowTableScan.class, none()))),
            "rustbin.AggregateIntoFilteredScanRule");

    private AggregateIntoScanRule(RelOptRuleOperand operand, String description) {
        super(operand, description);
    }

    /**
     * Narrows the scan to the columns the aggregate (and a filter below it) reads, since the
     * planner only offers this rule the aggregate over the full scan, then replaces the aggregate.
     */
    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalAggregate aggregate = call.rel(0);
        ArrowFilter filter = call.rels.length == 3 ? call.rel(1) : null;
        ArrowTableScan scan = call.rel(call.rels.length - 1);
        if (!scan.options().pushdown() || aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
            return;
        }
        ImmutableBitSet.Builder read = aggregate.getGroupSet().rebuild();
        aggregate.getAggCallList().forEach(c -> read.addAll(c.getArgList()));
        NarrowedInput narrowed = NarrowedInput.of(scan, filter, read.build());
        List<? extends Column<?>> columns = narrowed.scan().columns();
        List<AggregateCall> renumbered = new ArrayList<>();
        List<BatchAggregate.Call> calls = new ArrayList<>();
        for (AggregateCall c : aggregate.getAggCallList()) {
            BatchAggregate.Kind kind = KINDS.get(c.getAggregation().getKind());
            if (kind == null || c.isDistinct() || c.filterArg >= 0 || c.getArgList().size() > 1 || !c.getCollation().getFieldCollations().isEmpty()
                    || (kind != BatchAggregate.Kind.COUNT && c.getArgList().isEmpty())) {
                return;
            }
            int column = c.getArgList().isEmpty() ? -1 : narrowed.position(c.getArgList().get(0));
            if (kind != BatchAggregate.Kind.COUNT && !isInteger(columns.get(column))) {
                return;
            }
            renumbered.add(c.withArgList(column < 0 ? List.of() : List.of(column)));
            calls.add(new BatchAggregate.Call(kind, column, column >= 0 && columns.get(column).type().equals(Column.UINT64),
                    c.getType().getSqlTypeName()));
        }
        ImmutableBitSet keys = ImmutableBitSet.of(aggregate.getGroupSet().asList().stream().map(narrowed::position).toList());
        call.transformTo(new ArrowAggregate(aggregate.getCluster(), scan.getTraitSet(), narrowed.input(), keys, renumbered,
                new BatchAggregate(keys.toArray(), calls)));
    }

    private static boolean isInteger(Column<?> column) {
        return column.type().equals(Column.UINT64) || column.type().equals(Column.INT64) || column.type().equals(Column.INT32);
    }
}
