package dev.rustbin.calcite.columnar;

import org.apache.calcite.plan.RelOptPlanner;

/** The planner rules of the Arrow convention, added to a planner when it meets a rustbin scan. */
final class ColumnarRules {

    private ColumnarRules() {
    }

    static void register(RelOptPlanner planner) {
        planner.addRule(ArrowToEnumerableConverterRule.INSTANCE);
        planner.addRule(ProjectIntoScanRule.SCAN);
        planner.addRule(ProjectIntoScanRule.FILTERED_SCAN);
        planner.addRule(FilterIntoScanRule.SCAN);
        planner.addRule(FilterIntoScanRule.PROJECTED_SCAN);
        planner.addRule(AggregateIntoScanRule.SCAN);
        planner.addRule(AggregateIntoScanRule.FILTERED_SCAN);
        planner.addRule(ProjectOntoBatchesRule.SCAN);
        planner.addRule(ProjectOntoBatchesRule.FILTERED_SCAN);
        planner.addRule(ProjectOntoBatchesRule.FILTERED_PROJECTED_SCAN);
    }
}
