package dev.rustbin.calcite.columnar;

import dev.rustbin.calcite.gandiva.ColumnExpr;
import dev.rustbin.calcite.gandiva.Engine;
import dev.rustbin.calcite.gandiva.GandivaRegistry;
import dev.rustbin.calcite.gandiva.RexTranslator;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptRuleOperand;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableIntList;

/**
 * Computes a projection's expressions on the batches, expression by expression: those with an
 * exact columnar form (accepted by Gandiva's registry when Gandiva is on) become outputs of an
 * {@link ArrowProject}; the rest stay in a Calcite projection above, over the columns they read,
 * which the Arrow projection passes through.
 */
final class ProjectOntoBatchesRule extends RelOptRule {

    @SuppressWarnings("deprecation")
    static final ProjectOntoBatchesRule SCAN = new ProjectOntoBatchesRule(
            operand(LogicalProject.class, operand(ArrowTableScan.class, none())), "rustbin.ProjectOntoBatchesRule");

    /**
     * A projection over a filter over the scan (after field trimming, over a projection of plain
     * columns), taken whole from the query's logical plan: the planner never offers the projection
     * over the pushed filter. Pushed only when every conjunct of the filter can be.
     */
    @SuppressWarnings("deprecation")
    static final ProjectOntoBatchesRule FILTERED_SCAN = new ProjectOntoBatchesRule(
            operand(LogicalProject.class, operand(LogicalFilter.class, operand(ArrowTableScan.class, none()))),
            "rustbin.ProjectOntoFilteredBatchesRule");

    @SuppressWarnings("deprecation")
    static final ProjectOntoBatchesRule FILTERED_PROJECTED_SCAN = new ProjectOntoBatchesRule(
            operand(LogicalProject.class, operand(LogicalFilter.class, operand(LogicalProject.class, operand(ArrowTableScan.class, none())))),
            "rustbin.ProjectOntoFilteredProjectedBatchesRule");

    private ProjectOntoBatchesRule(RelOptRuleOperand operand, String description) {
        super(operand, description);
    }

    /** The filter pushed whole onto the (trimmed) scan, narrowed to what it and the projection read; null if it cannot be. */
    private static NarrowedInput filtered(RelOptRuleCall call, LogicalProject project, ArrowTableScan scan) {
        LogicalFilter filter = call.rel(1);
        if (scan.pruned()) {
            return null;
        }
        if (call.rels.length == 4) {
            List<Integer> columns = FilterIntoScanRule.columnsOf(call.rel(2));
            if (columns == null) {
                return null;
            }
            scan = scan.withProjection(ImmutableIntList.copyOf(columns.stream().map(scan.projection()::get).toList()));
        }
        RexBuilder rex = filter.getCluster().getRexBuilder();
        List<RexNode> conjuncts = RelOptUtil.conjunctions(RexUtil.expandSearch(rex, null, filter.getCondition()));
        for (RexNode conjunct : conjuncts) {
            if (ArrowFilter.translate(scan, conjunct) == null) {
                return null;
            }
        }
        ArrowTableScan pruned = scan.withPruning(FilterIntoScanRule.inTableColumns(conjuncts, scan));
        return NarrowedInput.of(pruned, ArrowFilter.of(pruned, conjuncts), RelOptUtil.InputFinder.bits(project.getProjects(), null));
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalProject project = call.rel(0);
        ArrowTableScan scan = call.rel(call.rels.length - 1);
        if (!scan.options().pushdown()) {
            return;
        }
        NarrowedInput narrowed = call.rels.length == 2 ? NarrowedInput.of(scan, null, RelOptUtil.InputFinder.bits(project.getProjects(), null))
                : filtered(call, project, scan);
        if (narrowed == null) {
            return;
        }
        RelNode input = narrowed.input();
        RexTranslator translator = new RexTranslator(narrowed.scan().columns());
        List<RexNode> arrowProjects = new ArrayList<>();
        List<ColumnExpr> outputs = new ArrayList<>();
        List<RexNode> above = new ArrayList<>();
        int computed = 0;
        List<RexNode> projects = project.getProjects().stream().map(narrowed::renumber).toList();
        for (RexNode e : projects) {
            ColumnExpr value = translator.value(e);
            boolean runnable = value != null
                    && (scan.options().engine() == Engine.JAVA || !GandivaRegistry.available() || GandivaRegistry.supports(value));
            if (runnable) {
                above.add(new RexInputRef(outputs.size(), e.getType()));
                arrowProjects.add(e);
                outputs.add(value);
                computed++;
            } else {
                above.add(e.accept(new RexShuttle() {
                    @Override
                    public RexNode visitInputRef(RexInputRef ref) {
                        int at = arrowProjects.indexOf(ref);
                        if (at < 0) {
                            at = arrowProjects.size();
                            arrowProjects.add(ref);
                            outputs.add(translator.column(ref.getIndex()));
                        }
                        return new RexInputRef(at, ref.getType());
                    }
                }));
            }
        }
        if (computed == 0) {
            return;
        }
        if (arrowProjects.equals(projects)) {
            call.transformTo(new ArrowProject(project.getCluster(), scan.getTraitSet(), input, arrowProjects, project.getRowType(), outputs));
            return;
        }
        RelDataTypeFactory.Builder fields = project.getCluster().getTypeFactory().builder();
        for (int i = 0; i < arrowProjects.size(); i++) {
            fields.add("$f" + i, arrowProjects.get(i).getType());
        }
        ArrowProject onBatches = new ArrowProject(project.getCluster(), scan.getTraitSet(), input, arrowProjects, fields.build(), outputs);
        RelBuilder builder = call.builder().push(onBatches);
        builder.project(above, project.getRowType().getFieldNames(), true);
        call.transformTo(builder.build());
    }
}
