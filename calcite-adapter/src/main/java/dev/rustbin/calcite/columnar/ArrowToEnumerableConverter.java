package dev.rustbin.calcite.columnar;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterImpl;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * The top of an Arrow pipeline: the rows that survive it become Calcite's {@code Object[]} rows.
 * The generated code only calls the pipeline object built at plan time.
 */
public final class ArrowToEnumerableConverter extends ConverterImpl implements EnumerableRel {

    ArrowToEnumerableConverter(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
        super(cluster, ConventionTraitDef.INSTANCE, traits, input);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new ArrowToEnumerableConverter(getCluster(), traitSet, sole(inputs));
    }

    /** Every row that reaches here becomes Java objects: where pushed filters pay off. */
    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        double work = mq.getRowCount(getInput()) * (1 + 0.1 * getRowType().getFieldCount());
        return planner.getCostFactory().makeCost(work, work, 0);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), pref.preferArray());
        Expression pipeline = implementor.stash(((ArrowRel) getInput()).pipeline(), ArrowPipeline.class);
        String method = physType.getFormat() == JavaRowFormat.SCALAR ? "executeScalar" : "execute";
        return implementor.result(physType, Blocks.toBlock(Expressions.call(pipeline, method, implementor.getRootExpression())));
    }
}
