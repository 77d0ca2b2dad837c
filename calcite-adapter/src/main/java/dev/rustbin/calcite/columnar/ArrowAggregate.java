package dev.rustbin.calcite.columnar;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.util.ImmutableBitSet;

/** A GROUP BY whose groups are accumulated on the scan's batches ({@link BatchAggregate}). */
public final class ArrowAggregate extends Aggregate implements ArrowRel {

    private final BatchAggregate aggregate;

    ArrowAggregate(RelOptCluster cluster, RelTraitSet traits, RelNode input, ImmutableBitSet groupSet, List<AggregateCall> calls,
                   BatchAggregate aggregate) {
        super(cluster, traits, List.of(), input, groupSet, null, calls);
        this.aggregate = aggregate;
    }

    @Override
    public Aggregate copy(RelTraitSet traitSet, RelNode input, ImmutableBitSet groupSet, List<ImmutableBitSet> groupSets,
                          List<AggregateCall> calls) {
        return new ArrowAggregate(getCluster(), traitSet, input, groupSet, calls, aggregate);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).item("on", "batches");
    }

    /** No row objects per input row: only one per group reaches Calcite. */
    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        double work = mq.getRowCount(getInput()) * 0.05 * (1 + getAggCallList().size() + getGroupCount());
        return planner.getCostFactory().makeCost(work, work, 0);
    }

    @Override
    public ArrowPipeline pipeline() {
        return ((ArrowRel) getInput()).pipeline().withAggregate(aggregate);
    }
}
