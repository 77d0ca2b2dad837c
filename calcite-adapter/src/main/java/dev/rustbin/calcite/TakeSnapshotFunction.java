package dev.rustbin.calcite;

import dev.rustbin.memory.SnapshotView;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code select * from table(take_snapshot())}: freezes the connection's live process once more and
 * returns the new snapshot's id and time; every memory table then lists it too. The snapshot is
 * taken when the statement runs, not when it is planned.
 */
public final class TakeSnapshotFunction {

    private TakeSnapshotFunction() {
    }

    public static ScannableTable takeSnapshot() {
        return new NewSnapshot();
    }

    private static final class NewSnapshot extends AbstractTable implements ScannableTable {
        @Override
        public RelDataType getRowType(RelDataTypeFactory factory) {
            return factory.builder()
                    .add("snapshot_id", factory.createSqlType(SqlTypeName.DECIMAL, SqlTypes.UINT64_DIGITS, 0))
                    .add("timestamp", factory.createSqlType(SqlTypeName.TIMESTAMP, 9))
                    .add("captured_bytes", factory.createSqlType(SqlTypeName.DECIMAL, SqlTypes.UINT64_DIGITS, 0))
                    .build();
        }

        @Override
        public Enumerable<Object[]> scan(DataContext root) {
            SchemaPlus schema = root.getRootSchema().getSubSchema(RustbinSchema.NAME);
            RustbinSchema rustbin = schema == null ? null : schema.unwrap(RustbinSchema.class);
            if (rustbin == null) {
                throw new IllegalStateException("take_snapshot() needs a rustbin connection");
            }
            SnapshotView view = rustbin.takeSnapshot("manual");
            long millis = Math.floorDiv(view.snapshot().timestampNanos(), 1_000_000L);
            return Linq4j.asEnumerable(List.<Object[]>of(new Object[] {
                ArrowValues.unsigned(view.id()), millis, ArrowValues.unsigned(view.snapshot().capturedBytes())}));
        }
    }
}
