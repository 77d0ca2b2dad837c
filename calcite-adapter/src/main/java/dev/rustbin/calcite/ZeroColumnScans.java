package dev.rustbin.calcite;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableInterpreter;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;
import org.apache.calcite.util.Holder;
import org.apache.calcite.util.ImmutableIntList;

/**
 * A scan that projects no column ({@code select count(*) from (select * from t limit 10)}) fails in
 * Calcite's generated code: its interpreter hands over rows as {@code Object[]}, but an operator
 * above it with no column either (the limit) declares its rows as lists, and the aggregate's cast
 * fails. After planning, such a scan is given one cheap column ({@code path}) and a calc on top
 * drops it again, which produces rows in the format the operators above expect.
 */
final class ZeroColumnScans {

    private static final AtomicBoolean REGISTERED = new AtomicBoolean();

    private ZeroColumnScans() {
    }

    /** Runs this rewrite after Calcite's standard program, for every query in this JVM; it only changes rustbin scans. */
    static void register() {
        if (REGISTERED.compareAndSet(false, true)) {
            Program fix = (planner, rel, traits, materializations, lattices) -> rel.accept(new Rewrite());
            Consumer<Holder<Program>> program = holder -> holder.set(Programs.sequence(holder.get() != null ? holder.get() : Programs.standard(), fix));
            Hook.PROGRAM.add(program);
        }
    }

    private static final class Rewrite extends RelHomogeneousShuttle {
        @Override
        public RelNode visit(RelNode other) {
            RelNode visited = super.visit(other);
            if (visited instanceof EnumerableInterpreter interpreter && interpreter.getRowType().getFieldCount() == 0
                    && interpreter.getInput() instanceof Bindables.BindableTableScan scan
                    && scan.getTable().unwrap(BinaryTable.class) != null) {
                RelNode onePath = EnumerableInterpreter.create(
                        Bindables.BindableTableScan.create(scan.getCluster(), scan.getTable(), scan.filters, ImmutableIntList.of(0)), 0.5);
                return EnumerableCalc.create(onePath,
                        new RexProgramBuilder(onePath.getRowType(), scan.getCluster().getRexBuilder()).getProgram());
            }
            return visited;
        }
    }
}
