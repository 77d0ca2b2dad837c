package dev.rustbin.calcite.columnar;

import dev.rustbin.calcite.gandiva.ColumnExpr;
import dev.rustbin.calcite.gandiva.Engine;
import dev.rustbin.calcite.gandiva.GandivaRegistry;
import dev.rustbin.calcite.gandiva.RexTranslator;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.tools.RelBuilder;

/**
 * Computes a projection's expressions on the batches, expression by expression: those with an
 * exact columnar form (accepted by Gandiva's registry when Gandiva is on) become outputs of an
 * {@link ArrowProject}; the rest stay in a Calcite projection above, over the columns they read,
 * which the Arrow projection passes through. The planner offers this rule projections directly over
 * a scan; one over a pushed filter stays in Calcite for now.
 */
final class ProjectOntoBatchesRule extends RelOptRule {

    static final ProjectOntoBatchesRule INSTANCE = new ProjectOntoBatchesRule();

    @SuppressWarnings("deprecation")
    private ProjectOntoBatchesRule() {
        super(operand(LogicalProject.class, operand(ArrowTableScan.class, none())), "rustbin.ProjectOntoBatchesRule");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalProject project = call.rel(0);
        ArrowTableScan scan = call.rel(1);
        if (!scan.options().pushdown()) {
            return;
        }
        NarrowedInput narrowed = NarrowedInput.of(scan, null, RelOptUtil.InputFinder.bits(project.getProjects(), null));
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
