package dev.rustbin.calcite.columnar;

import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.ImmutableIntList;

/**
 * A scan (and the pushed filter over it) narrowed to the columns an operator above reads. The
 * planner offers rules the operator over the full scan, so each rule narrows for itself; column
 * references of the operator are renumbered to the narrower input.
 */
final class NarrowedInput {

    private final RelNode input;
    private final ArrowTableScan scan;
    private final List<Integer> kept;

    private NarrowedInput(RelNode input, ArrowTableScan scan, List<Integer> kept) {
        this.input = input;
        this.scan = scan;
        this.kept = kept;
    }

    /** {@code read}: the input columns the operator above reads; {@code filter} may be null. */
    static NarrowedInput of(ArrowTableScan scan, ArrowFilter filter, ImmutableBitSet read) {
        ImmutableBitSet all = filter == null ? read : read.union(RelOptUtil.InputFinder.bits(filter.condition()));
        List<Integer> kept = all.isEmpty() ? List.of(0) : all.asList();
        ArrowTableScan narrow = scan.withProjection(ImmutableIntList.copyOf(kept.stream().map(scan.projection()::get).toList()));
        NarrowedInput narrowed = new NarrowedInput(narrow, narrow, kept);
        if (filter == null) {
            return narrowed;
        }
        RelNode filtered = ArrowFilter.of(narrow, RelOptUtil.conjunctions(narrowed.renumber(filter.condition())));
        return new NarrowedInput(filtered, narrow, kept);
    }

    /** True when narrowing drops no column: the operator can stay over the input it has. */
    boolean keepsEverything(ArrowTableScan original) {
        return kept.size() >= original.projection().size();
    }

    RelNode input() {
        return input;
    }

    ArrowTableScan scan() {
        return scan;
    }

    int position(int column) {
        return kept.indexOf(column);
    }

    RexNode renumber(RexNode e) {
        return e.accept(new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return new RexInputRef(position(ref.getIndex()), ref.getType());
            }
        });
    }
}
