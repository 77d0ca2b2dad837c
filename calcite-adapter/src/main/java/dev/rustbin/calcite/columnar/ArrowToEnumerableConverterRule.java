package dev.rustbin.calcite.columnar;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/** Puts {@link ArrowToEnumerableConverter} where Enumerable operators consume an Arrow pipeline. */
final class ArrowToEnumerableConverterRule extends ConverterRule {

    static final ArrowToEnumerableConverterRule INSTANCE = new ArrowToEnumerableConverterRule(Config.INSTANCE
            .withConversion(RelNode.class, ArrowRel.CONVENTION, EnumerableConvention.INSTANCE, "ArrowToEnumerableConverterRule")
            .withRuleFactory(ArrowToEnumerableConverterRule::new));

    private ArrowToEnumerableConverterRule(Config config) {
        super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
        return new ArrowToEnumerableConverter(rel.getCluster(), rel.getTraitSet().replace(EnumerableConvention.INSTANCE), rel);
    }
}
