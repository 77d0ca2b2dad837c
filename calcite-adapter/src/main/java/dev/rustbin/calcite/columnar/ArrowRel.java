package dev.rustbin.calcite.columnar;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;

/**
 * A relational operator that runs on Arrow batches, inside the scan: the scan itself, and the
 * filters (later projections and aggregates) pushed into it. A converter at the top hands rows
 * to Calcite's Enumerable engine.
 */
public interface ArrowRel extends RelNode {

    Convention CONVENTION = new Convention.Impl("RUSTBIN_ARROW", ArrowRel.class);

    /** The runtime pipeline this operator and its inputs run. */
    ArrowPipeline pipeline();
}
