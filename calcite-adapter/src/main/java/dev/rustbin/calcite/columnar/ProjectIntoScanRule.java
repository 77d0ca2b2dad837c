package dev.rustbin.calcite.columnar;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptRuleOperand;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.tools.RelBuilder;

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
        NarrowedInput narrowed = NarrowedInput.of(scan, filter, RelOptUtil.InputFinder.bits(project.getProjects(), null));
        if (narrowed.keepsEverything(scan)) {
            return;
        }
        RelBuilder builder = call.builder().push(narrowed.input());
        builder.project(project.getProjects().stream().map(narrowed::renumber).toList(), project.getRowType().getFieldNames());
        call.transformTo(builder.build());
    }
}
