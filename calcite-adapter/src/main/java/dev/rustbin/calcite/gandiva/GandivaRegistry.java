package dev.rustbin.calcite.gandiva;

import dev.rustbin.calcite.gandiva.ColumnExpr.Call;
import java.util.List;
import java.util.Set;
import org.apache.arrow.gandiva.evaluator.ExpressionRegistry;
import org.apache.arrow.gandiva.evaluator.FunctionSignature;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * What Gandiva can compile, read once from its {@link ExpressionRegistry}. The planner pushes an
 * expression to Gandiva only when every function in it, with its exact argument and return types,
 * is listed here, so a query never fails at execution time because Gandiva refused it.
 */
public final class GandivaRegistry {

    private static final Set<FunctionSignature> FUNCTIONS = load();

    private GandivaRegistry() {
    }

    /** Null when the native library cannot load here: then the Java engine evaluates everything pushed. */
    private static Set<FunctionSignature> load() {
        try {
            return NativeStderr.silenced(() -> Set.copyOf(ExpressionRegistry.getInstance().getSupportedFunctions()));
        } catch (Exception | LinkageError e) {
            return null;
        }
    }

    public static boolean available() {
        return FUNCTIONS != null;
    }

    /** True when Gandiva supports every function of the tree with exactly these types. */
    public static boolean supports(ColumnExpr expr) {
        if (FUNCTIONS == null) {
            return false;
        }
        if (expr instanceof Call call) {
            List<ArrowType> argTypes = call.args().stream().map(ColumnExpr::type).toList();
            if (!FUNCTIONS.contains(new FunctionSignature(call.function(), call.type(), argTypes))) {
                return false;
            }
        }
        return ColumnExpr.args(expr).stream().allMatch(GandivaRegistry::supports);
    }
}
