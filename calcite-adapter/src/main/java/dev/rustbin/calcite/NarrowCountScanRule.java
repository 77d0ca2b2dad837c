package dev.rustbin.calcite;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.runtime.Hook;

/**
 * {@code select count(*) from t} reads no column, but Calcite then scans every column, which on
 * rustbin tables means demangling every symbol or reading every section's bytes just to count rows.
 * This rule puts a projection of the first column ({@code path}, which costs nothing) under such an
 * aggregate, so the usual projection pushdown gives the scan one cheap column to compute.
 */
final class NarrowCountScanRule extends RelOptRule {

    private static final NarrowCountScanRule INSTANCE = new NarrowCountScanRule();
    private static final AtomicBoolean REGISTERED = new AtomicBoolean();

    @SuppressWarnings("deprecation")
    private NarrowCountScanRule() {
        super(operand(LogicalAggregate.class, operand(TableScan.class, none())), "rustbin.NarrowCountScanRule");
    }

    /** Adds the rule to every planner Calcite creates in this JVM; it only matches rustbin tables. */
    static void register() {
        if (REGISTERED.compareAndSet(false, true)) {
            Consumer<RelOptPlanner> addRule = planner -> planner.addRule(INSTANCE);
            Hook.PLANNER.add(addRule);
        }
    }

    @Override
    public boolean matches(RelOptRuleCall call) {
        LogicalAggregate aggregate = call.rel(0);
        TableScan scan = call.rel(1);
        return scan.getTable().unwrap(BinaryTable.class) != null
                && scan.getRowType().getFieldCount() > 1
                && aggregate.getGroupSet().isEmpty()
                && aggregate.getAggCallList().stream().allMatch(c -> c.getArgList().isEmpty() && c.filterArg < 0);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalAggregate aggregate = call.rel(0);
        TableScan scan = call.rel(1);
        RexBuilder rex = scan.getCluster().getRexBuilder();
        List<RexNode> firstColumn = List.of(rex.makeInputRef(scan, 0));
        LogicalProject narrow = LogicalProject.create(scan, List.of(), firstColumn, List.of(scan.getRowType().getFieldNames().get(0)),
                Set.of());
        List<AggregateCall> calls = aggregate.getAggCallList();
        call.transformTo(aggregate.copy(aggregate.getTraitSet(), narrow, aggregate.getGroupSet(), aggregate.getGroupSets(), calls));
    }
}
