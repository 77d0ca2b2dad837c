package dev.rustbin.calcite.columnar;

import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptRuleOperand;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.ImmutableIntList;

/**
 * Narrows a scan to the columns a projection above it reads (and a pushed filter between them),
 * so unselected columns are never computed: no section bytes read, no symbol demangled. The
 * projection's expressions stay above, over the narrower scan.
 */
final class ProjectIntoScanRule extends RelOptRule {

    @SuppressWarnings("deprecation")
    static final ProjectIntoScanRule SCAN = new ProjectIntoScanRule(
            operand(LogicalProject.class, operand(ArrowTableScan.class, none())), "rustbin.ProjectIntoScanRule");

    @SuppressWarnings("deprecation")
    static final ProjectIntoScanRule FILTERED_SCAN = new ProjectIntoScanRule(
            operand(LogicalProject.class, operand(ArrowFilter.class, operand(ArrowTableScan.class, none()))),
            "rustbin.ProjectIntoFilteredScanRule");

    private ProjectIntoScanRule(RelOptRuleOperand operand, String description) {
        super(operand, description);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalProject project = call.rel(0);
        ArrowFilter filter = call.rels.length == 3 ? call.rel(1) : null;
        ArrowTableScan scan = call.rel(call.rels.length - 1);
        ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), filter == null ? null : filter.condition());
        if (used.isEmpty()) {
            used = ImmutableBitSet.of(0);
        }
        if (used.cardinality() >= scan.projection().size()) {
            return;
        }
        List<Integer> kept = used.asList();
        ArrowTableScan narrow = scan.withProjection(ImmutableIntList.copyOf(kept.stream().map(scan.projection()::get).toList()));
        RexShuttle renumber = new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return new RexInputRef(kept.indexOf(ref.getIndex()), ref.getType());
            }
        };
        RelNode input = filter == null ? narrow
                : ArrowFilter.of(narrow, RelOptUtil.conjunctions(filter.condition().accept(renumber)));
        RelBuilder builder = call.builder().push(input);
        builder.project(project.getProjects().stream().map(e -> e.accept(renumber)).toList(), project.getRowType().getFieldNames());
        call.transformTo(builder.build());
    }
}
