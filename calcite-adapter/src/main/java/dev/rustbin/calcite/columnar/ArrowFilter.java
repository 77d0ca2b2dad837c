package dev.rustbin.calcite.columnar;

import dev.rustbin.calcite.gandiva.ColumnExpr;
import dev.rustbin.calcite.gandiva.Engine;
import dev.rustbin.calcite.gandiva.GandivaRegistry;
import dev.rustbin.calcite.gandiva.RexTranslator;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/** The conjuncts of a filter that run on the scan's batches, as SQL and as the tree Gandiva compiles. */
public final class ArrowFilter extends SingleRel implements ArrowRel {

    private final RexNode condition;
    private final ColumnExpr predicate;

    private ArrowFilter(RelOptCluster cluster, RelTraitSet traits, RelNode input, RexNode condition, ColumnExpr predicate) {
        super(cluster, traits, input);
        this.condition = condition;
        this.predicate = predicate;
    }

    /**
     * The columnar form of one conjunct over the scan, or null when it must stay in Calcite: no
     * exact translation, or Gandiva is to run it and its registry lacks a function with these types.
     */
    static ColumnExpr translate(ArrowTableScan scan, RexNode conjunct) {
        ColumnExpr expr = new RexTranslator(scan.columns()).predicate(conjunct);
        boolean runnable = scan.options().engine() == Engine.JAVA || !GandivaRegistry.available() || GandivaRegistry.supports(expr);
        return expr != null && runnable ? expr : null;
    }

    /** A filter of conjuncts that {@link #translate} accepted, on the scan's batches. */
    static ArrowFilter of(ArrowTableScan scan, List<RexNode> conjuncts) {
        List<ColumnExpr> exprs = conjuncts.stream().map(c -> translate(scan, c)).toList();
        ColumnExpr predicate = exprs.size() == 1 ? exprs.get(0) : new ColumnExpr.And(exprs);
        RexNode condition = RexUtil.composeConjunction(scan.getCluster().getRexBuilder(), conjuncts);
        return new ArrowFilter(scan.getCluster(), scan.getTraitSet(), scan, condition, predicate);
    }

    RexNode condition() {
        return condition;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new ArrowFilter(getCluster(), traitSet, sole(inputs), condition, predicate);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw)
                .item("condition", condition)
                .item(GandivaRegistry.supports(predicate) ? "gandiva" : "java", ColumnExpr.render(predicate));
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
        return mq.getRowCount(getInput()) * RelMdUtil.guessSelectivity(condition);
    }

    /** Far cheaper per row than Calcite's filter: no row objects, and compiled or tight Java loops. */
    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        double work = mq.getRowCount(getInput()) * 0.05;
        return planner.getCostFactory().makeCost(work, work, 0);
    }

    @Override
    public ArrowPipeline pipeline() {
        return ((ArrowRel) getInput()).pipeline().withFilter(predicate);
    }
}
