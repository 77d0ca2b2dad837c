package dev.rustbin.calcite.columnar;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptRuleOperand;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableIntList;

/**
 * Pushes a filter into the scan below it, conjunct by conjunct. Every conjunct goes into the scan's
 * pruning request; those with an exact columnar translation (which Gandiva's registry accepts, when
 * Gandiva is on) become an {@link ArrowFilter} on the batches; the rest stay in a Calcite filter
 * above. With {@code pushdown=false} only the pruning happens, as before columnar execution.
 */
final class FilterIntoScanRule extends RelOptRule {

    @SuppressWarnings("deprecation")
    static final FilterIntoScanRule SCAN = new FilterIntoScanRule(
            operand(LogicalFilter.class, operand(ArrowTableScan.class, none())), "rustbin.FilterIntoScanRule");

    /**
     * A filter over a projection of plain columns (Calcite's field trimming puts one over every
     * scan): the scan is narrowed to those columns and the filter pushed into it in one step.
     */
    @SuppressWarnings("deprecation")
    static final FilterIntoScanRule PROJECTED_SCAN = new FilterIntoScanRule(
            operand(LogicalFilter.class, operand(LogicalProject.class, operand(ArrowTableScan.class, none()))),
            "rustbin.FilterIntoProjectedScanRule");

    private FilterIntoScanRule(RelOptRuleOperand operand, String description) {
        super(operand, description);
    }

    @Override
    public boolean matches(RelOptRuleCall call) {
        ArrowTableScan scan = call.rel(call.rels.length - 1);
        return !scan.pruned() && (call.rels.length == 2 || columnsOf(call.rel(1)) != null);
    }

    /** The scan positions a projection of distinct plain columns reads, in order; null for anything else. */
    static List<Integer> columnsOf(LogicalProject project) {
        List<Integer> columns = new ArrayList<>();
        for (RexNode e : project.getProjects()) {
            if (!(e instanceof RexInputRef ref) || columns.contains(ref.getIndex())) {
                return null;
            }
            columns.add(ref.getIndex());
        }
        return columns;
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalFilter filter = call.rel(0);
        ArrowTableScan scan = call.rel(call.rels.length - 1);
        if (call.rels.length == 3) {
            scan = scan.withProjection(ImmutableIntList.copyOf(columnsOf(call.rel(1)).stream().map(scan.projection()::get).toList()));
        }
        RexBuilder rex = filter.getCluster().getRexBuilder();
        List<RexNode> conjuncts = RelOptUtil.conjunctions(RexUtil.expandSearch(rex, null, filter.getCondition()));
        ArrowTableScan pruned = scan.withPruning(inTableColumns(conjuncts, scan));

        List<RexNode> pushed = new ArrayList<>();
        List<RexNode> kept = new ArrayList<>();
        for (RexNode conjunct : conjuncts) {
            (scan.options().pushdown() && ArrowFilter.translate(scan, conjunct) != null ? pushed : kept).add(conjunct);
        }
        RelNode input = pushed.isEmpty() ? pruned : ArrowFilter.of(pruned, pushed);
        RelBuilder builder = call.builder().push(input);
        if (!kept.isEmpty()) {
            builder.filter(kept);
        }
        call.transformTo(builder.build());
    }

    /** The conjuncts with column numbers of the whole table, as the scan request reads them. */
    static List<RexNode> inTableColumns(List<RexNode> conjuncts, ArrowTableScan scan) {
        var tableFields = scan.getTable().getRowType().getFieldList();
        RexShuttle toTable = new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                int column = scan.projection().get(ref.getIndex());
                return new RexInputRef(column, tableFields.get(column).getType());
            }
        };
        return conjuncts.stream().map(c -> c.accept(toTable)).toList();
    }
}
