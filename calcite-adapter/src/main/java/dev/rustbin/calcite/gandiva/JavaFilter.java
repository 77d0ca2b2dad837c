package dev.rustbin.calcite.gandiva;

import org.apache.arrow.vector.VectorSchemaRoot;


/**
 * A pushed predicate evaluated in Java on the Arrow vectors ({@link JavaExpressions}). Used where
 * compiling would cost more than it saves, when {@code gandiva=false}, and where the native
 * library cannot load. Rows it drops never become Java objects either.
 */
public final class JavaFilter implements BatchFilter {

    private final ColumnExpr predicate;
    private int[] kept = new int[0];

    public JavaFilter(ColumnExpr predicate) {
        this.predicate = predicate;
    }

    @Override
    public int select(VectorSchemaRoot batch) {
        JavaExpressions.Value value = JavaExpressions.bind(predicate, batch);
        int rows = batch.getRowCount();
        if (kept.length < rows) {
            kept = new int[rows];
        }
        int count = 0;
        for (int row = 0; row < rows; row++) {
            if (Boolean.TRUE.equals(value.at(row))) {
                kept[count++] = row;
            }
        }
        return count;
    }

    @Override
    public int index(int i) {
        return kept[i];
    }

    @Override
    public void close() {
    }
}
