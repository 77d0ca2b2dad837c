package dev.rustbin.calcite.columnar;

import dev.rustbin.calcite.BinaryTable;
import dev.rustbin.calcite.ScanRequests;
import dev.rustbin.schema.Column;
import dev.rustbin.schema.ScanRequest;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.util.ImmutableIntList;

/**
 * Scans a rustbin table into Arrow batches holding only the {@code projection}'s columns.
 * {@code pruning} holds every filter conjunct over the scan (in the table's column numbering), read
 * into a {@link ScanRequest} so extractors skip binaries, sections and address ranges no row can
 * come from. Pruning may leave extra rows: the filters themselves run above (pushed or in Calcite).
 */
public final class ArrowTableScan extends TableScan implements ArrowRel {

    private final BinaryTable<?> binaryTable;
    private final ImmutableIntList projection;
    private final List<RexNode> pruning;

    public ArrowTableScan(RelOptCluster cluster, RelOptTable table, BinaryTable<?> binaryTable, ImmutableIntList projection,
                         List<RexNode> pruning) {
        super(cluster, cluster.traitSetOf(ArrowRel.CONVENTION), List.of(), table);
        this.binaryTable = binaryTable;
        this.projection = projection;
        this.pruning = List.copyOf(pruning);
    }

    ArrowTableScan withProjection(ImmutableIntList columns) {
        return new ArrowTableScan(getCluster(), getTable(), binaryTable, columns, pruning);
    }

    ArrowTableScan withPruning(List<RexNode> conjuncts) {
        return new ArrowTableScan(getCluster(), getTable(), binaryTable, projection, conjuncts);
    }

    ImmutableIntList projection() {
        return projection;
    }

    boolean pruned() {
        return !pruning.isEmpty();
    }

    ColumnarOptions options() {
        return binaryTable.options();
    }

    /** The scan's output columns, in order. */
    List<? extends Column<?>> columns() {
        List<? extends Column<?>> all = binaryTable.schema().columns();
        return projection.stream().map(all::get).toList();
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return this;
    }

    @Override
    public RelDataType deriveRowType() {
        List<RelDataTypeField> fields = table.getRowType().getFieldList();
        var builder = getCluster().getTypeFactory().builder();
        for (int column : projection) {
            builder.add(fields.get(column));
        }
        return builder.build();
    }

    @Override
    public void register(RelOptPlanner planner) {
        ColumnarRules.register(planner);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        RelWriter terms = super.explainTerms(pw)
                .item("columns", getRowType().getFieldNames())
                .itemIf("prune", describe(request()), pruned());
        // the planner's digests leave the cache out: it is a property of the run, not of the plan
        if (binaryTable.schema().isCached() && pw.getDetailLevel() != SqlExplainLevel.DIGEST_ATTRIBUTES) {
            terms.item("cache", binaryTable.cached() ? binaryTable.cacheUse(projection.toIntArray(), request()) : "off");
        }
        return terms;
    }

    /**
     * Volcano compares costs by their row count alone, so the work is expressed there: each column
     * computed adds to a row's cost, and a scan that may skip input is cheaper than one that may not.
     */
    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        double work = estimateRowCount(mq) * (1 + 0.1 * projection.size()) * (pruned() ? 0.9 : 1);
        return planner.getCostFactory().makeCost(work, work, 0);
    }

    ScanRequest request() {
        return ScanRequests.of(binaryTable.schema(), projection.toIntArray(), pruning, getCluster().getRexBuilder());
    }

    private static String describe(ScanRequest request) {
        StringBuilder out = new StringBuilder();
        request.allowedValues().forEach((column, values) -> out.append(out.length() > 0 ? ", " : "").append(column).append(" in ")
                .append(values.stream().sorted().toList()));
        request.ranges().forEach((column, range) -> out.append(out.length() > 0 ? ", " : "").append(column).append(" in [0x")
                .append(Long.toHexString(range.lowest())).append(", 0x").append(Long.toHexString(range.highest())).append(']'));
        return out.length() == 0 ? "nothing" : out.toString();
    }

    @Override
    public ArrowPipeline pipeline() {
        return new ArrowPipeline(binaryTable, projection.toIntArray(), request(), pruning, null, null, null);
    }
}
