package dev.rustbin.calcite.gandiva;

import dev.rustbin.calcite.ArrowValues;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Computed output columns evaluated in Java, row by row, only for the rows a filter kept. */
final class JavaProjection implements BatchProjection {

    private final List<ColumnExpr> outputs;

    JavaProjection(List<ColumnExpr> outputs) {
        this.outputs = outputs;
    }

    @Override
    public ArrowValues.CellReader[] evaluate(VectorSchemaRoot batch) {
        return BatchProjection.readers(outputs, batch, i -> {
            JavaExpressions.Value value = JavaExpressions.bind(outputs.get(i), batch);
            return row -> {
                Object cell = value.at(row);
                return cell instanceof byte[] text ? new String(text, StandardCharsets.UTF_8) : cell;
            };
        });
    }

    @Override
    public void close() {
    }
}
