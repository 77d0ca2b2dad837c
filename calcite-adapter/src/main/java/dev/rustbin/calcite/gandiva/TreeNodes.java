package dev.rustbin.calcite.gandiva;

import dev.rustbin.calcite.gandiva.ColumnExpr.And;
import dev.rustbin.calcite.gandiva.ColumnExpr.Call;
import dev.rustbin.calcite.gandiva.ColumnExpr.Field;
import dev.rustbin.calcite.gandiva.ColumnExpr.Literal;
import java.util.List;
import org.apache.arrow.gandiva.expression.TreeBuilder;
import org.apache.arrow.gandiva.expression.TreeNode;
import org.apache.calcite.avatica.util.ByteString;

/** Builds Gandiva's expression tree from a {@link ColumnExpr}. */
final class TreeNodes {

    private TreeNodes() {
    }

    static TreeNode of(ColumnExpr expr) {
        if (expr instanceof Field f) {
            return TreeBuilder.makeField(CompactExpr.arrowField(f));
        }
        if (expr instanceof Literal l) {
            return literal(l.value());
        }
        List<TreeNode> args = ColumnExpr.args(expr).stream().map(TreeNodes::of).toList();
        if (expr instanceof Call c) {
            return TreeBuilder.makeFunction(c.function(), args, c.type());
        }
        if (args.size() == 1) {
            return args.get(0);
        }
        return expr instanceof And ? TreeBuilder.makeAnd(args) : TreeBuilder.makeOr(args);
    }

    private static TreeNode literal(Object value) {
        if (value instanceof Long n) {
            return TreeBuilder.makeLiteral(n);
        }
        if (value instanceof Integer n) {
            return TreeBuilder.makeLiteral(n);
        }
        if (value instanceof Boolean b) {
            return TreeBuilder.makeLiteral(b);
        }
        if (value instanceof String s) {
            return TreeBuilder.makeStringLiteral(s);
        }
        if (value instanceof ByteString b) {
            return TreeBuilder.makeBinaryLiteral(b.getBytes());
        }
        throw new IllegalArgumentException("no Gandiva literal for " + value.getClass().getSimpleName());
    }
}
