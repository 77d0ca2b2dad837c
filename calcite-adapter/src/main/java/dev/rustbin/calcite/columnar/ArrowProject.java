package dev.rustbin.calcite.columnar;

import dev.rustbin.calcite.gandiva.ColumnExpr;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;

/** Output columns computed on the batches (plain columns passed through), as SQL and as Gandiva's trees. */
public final class ArrowProject extends Project implements ArrowRel {

    private final List<ColumnExpr> outputs;

    ArrowProject(RelOptCluster cluster, RelTraitSet traits, RelNode input, List<RexNode> projects, RelDataType rowType,
                 List<ColumnExpr> outputs) {
        super(cluster, traits, List.of(), input, projects, rowType, Set.of());
        this.outputs = List.copyOf(outputs);
    }

    @Override
    public Project copy(RelTraitSet traitSet, RelNode input, List<RexNode> projects, RelDataType rowType) {
        return new ArrowProject(getCluster(), traitSet, input, projects, rowType, outputs);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).item("computed", outputs.stream().filter(o -> !(o instanceof ColumnExpr.Field))
                .map(ColumnExpr::render).collect(Collectors.joining(", ")));
    }

    /** Computed in place on the batch's vectors: far cheaper than Calcite's per-row expressions. */
    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        double work = mq.getRowCount(getInput()) * 0.05 * outputs.size();
        return planner.getCostFactory().makeCost(work, work, 0);
    }

    @Override
    public ArrowPipeline pipeline() {
        return ((ArrowRel) getInput()).pipeline().withOutputs(outputs);
    }
}
