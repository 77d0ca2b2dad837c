package dev.rustbin.calcite.gandiva;

import dev.rustbin.calcite.ArrowValues;
import dev.rustbin.calcite.gandiva.ColumnExpr.Field;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Computed output columns evaluated in Java, row by row, only for the rows a filter kept. */
final class JavaProjection implements BatchProjection {

    private final List<ColumnExpr> outputs;
    private ArrowValues.CellReader[] readers;

    JavaProjection(List<ColumnExpr> outputs) {
        this.outputs = outputs;
    }

    @Override
    public void evaluate(VectorSchemaRoot batch) {
        readers = new ArrowValues.CellReader[outputs.size()];
        for (int i = 0; i < readers.length; i++) {
            ColumnExpr output = outputs.get(i);
            if (output instanceof Field f) {
                readers[i] = ArrowValues.readerFor(batch.getVector(f.index()));
            } else {
                JavaExpressions.Value value = JavaExpressions.bind(output, batch);
                readers[i] = row -> {
                    Object cell = value.at(row);
                    return cell instanceof byte[] text ? new String(text, StandardCharsets.UTF_8) : cell;
                };
            }
        }
    }

    @Override
    public int width() {
        return outputs.size();
    }

    @Override
    public ArrowValues.CellReader reader(int output) {
        return readers[output];
    }

    @Override
    public void close() {
    }
}
