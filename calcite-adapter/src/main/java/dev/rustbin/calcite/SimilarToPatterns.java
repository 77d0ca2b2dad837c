package dev.rustbin.calcite;

import java.util.List;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.runtime.SqlFunctions;
import org.apache.calcite.sql.SqlKind;

/**
 * Checks the SIMILAR TO patterns of a scan's filters before any row is read. Calcite follows the
 * standard: inside a bracket expression the characters {@code _ % ( ) | * + ? { }} must be escaped,
 * and otherwise fails each row with a bare "Invalid regular expression"; this says what to write.
 */
public final class SimilarToPatterns {

    private SimilarToPatterns() {
    }

    public static void check(List<RexNode> filters) {
        RexVisitorImpl<Void> visitor = new RexVisitorImpl<>(true) {
            @Override
            public Void visitCall(RexCall call) {
                if (call.isA(SqlKind.SIMILAR) && call.operands.get(1) instanceof RexLiteral pattern) {
                    String text = pattern.getValueAs(String.class);
                    String escape = call.operands.size() > 2 && call.operands.get(2) instanceof RexLiteral e ? e.getValueAs(String.class) : null;
                    try {
                        if (escape == null) {
                            new SqlFunctions.SimilarFunction().similar("", text);
                        } else {
                            new SqlFunctions.SimilarEscapeFunction().similar("", text, escape);
                        }
                    } catch (RuntimeException e) {
                        Throwable cause = e;
                        while (cause.getCause() != null) {
                            cause = cause.getCause();
                        }
                        throw new IllegalArgumentException("invalid SIMILAR TO pattern '" + text + "' (" + cause.getMessage()
                                + "): inside [...] escape _ % ( ) | * + ? { }, e.g. similar to '[\\_a-z]%' escape '\\'", e);
                    }
                }
                return super.visitCall(call);
            }
        };
        filters.forEach(f -> f.accept(visitor));
    }
}
