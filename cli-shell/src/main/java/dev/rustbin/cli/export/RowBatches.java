package dev.rustbin.cli.export;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A result set's rows copied into one reused Arrow batch at a time, so an export of millions of rows
 * holds one batch: at most {@link #MAX_ROWS} rows, and fewer once the variable-width values of the
 * batch pass {@link #MAX_VALUE_BYTES} (section contents, memory snapshots).
 */
public final class RowBatches implements AutoCloseable {

    static final int MAX_ROWS = 32_768;
    static final long MAX_VALUE_BYTES = 16L << 20;
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    /** Copies the current row's value of one column into a vector; returns the bytes of a variable-width value. */
    @FunctionalInterface
    private interface CellCopier {
        long copy(ResultSet rows, int column, int index) throws SQLException;
    }

    private final ResultSet rows;
    private final VectorSchemaRoot root;
    private final List<CellCopier> copiers = new ArrayList<>();
    private boolean exhausted;

    public RowBatches(ResultSet rows, BufferAllocator allocator) throws SQLException {
        this.rows = rows;
        ResultSetMetaData meta = rows.getMetaData();
        this.root = VectorSchemaRoot.create(ResultSchema.of(meta), allocator);
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            copiers.add(copierFor(root.getVector(c - 1), meta.getColumnLabel(c)));
        }
    }

    /** The batch {@link #next} fills; its schema is {@link ResultSchema#of} the result set's. */
    public VectorSchemaRoot root() {
        return root;
    }

    /** Fills the batch with the next rows; false, with an empty batch, once none are left. */
    public boolean next() throws SQLException {
        root.allocateNew();
        int count = 0;
        long bytes = 0;
        while (!exhausted && count < MAX_ROWS && bytes < MAX_VALUE_BYTES) {
            if (!rows.next()) {
                exhausted = true;
                break;
            }
            for (int c = 0; c < copiers.size(); c++) {
                bytes += copiers.get(c).copy(rows, c + 1, count);
            }
            count++;
        }
        root.setRowCount(count);
        return count > 0;
    }

    @Override
    public void close() {
        root.close();
    }

    /** Reads a column of the current row; a primitive getter's 0 for NULL is told apart by wasNull. */
    @FunctionalInterface
    private interface Getter<T> {
        T get(ResultSet rows, int column) throws SQLException;
    }

    /** Stores a non-null value at an index of the vector. */
    @FunctionalInterface
    private interface Setter<T> {
        void set(int index, T value) throws SQLException;
    }

    /** A copier for a fixed-width column: nothing stored for NULL, so the vector's validity bit stays clear. */
    private static <T> CellCopier fixed(Getter<T> getter, Setter<T> setter) {
        return (rows, c, i) -> {
            T value = getter.get(rows, c);
            if (value != null && !rows.wasNull()) {
                setter.set(i, value);
            }
            return 0;
        };
    }

    private static CellCopier copierFor(FieldVector vector, String label) {
        if (vector instanceof UInt8Vector v) {
            return fixed(ResultSet::getBigDecimal, (i, value) -> v.setSafe(i, unsigned64(value, label)));
        }
        if (vector instanceof BigIntVector v) {
            return fixed(ResultSet::getLong, (i, value) -> v.setSafe(i, value));
        }
        if (vector instanceof IntVector v) {
            return fixed(ResultSet::getInt, (i, value) -> v.setSafe(i, value));
        }
        if (vector instanceof SmallIntVector v) {
            return fixed(ResultSet::getShort, (i, value) -> v.setSafe(i, value));
        }
        if (vector instanceof TinyIntVector v) {
            return fixed(ResultSet::getByte, (i, value) -> v.setSafe(i, value));
        }
        if (vector instanceof BitVector v) {
            return fixed(ResultSet::getBoolean, (i, value) -> v.setSafe(i, value ? 1 : 0));
        }
        if (vector instanceof Float8Vector v) {
            return fixed(ResultSet::getDouble, (i, value) -> v.setSafe(i, value));
        }
        if (vector instanceof Float4Vector v) {
            return fixed(ResultSet::getFloat, (i, value) -> v.setSafe(i, value));
        }
        if (vector instanceof DecimalVector v) {
            return fixed(ResultSet::getBigDecimal, (i, value) -> v.setSafe(i, value.setScale(v.getScale(), RoundingMode.HALF_EVEN)));
        }
        if (vector instanceof TimeStampNanoVector v) {
            Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
            return fixed((rows, c) -> rows.getTimestamp(c, utc),
                    (i, value) -> v.setSafe(i, Math.floorDiv(value.getTime(), 1000L) * 1_000_000_000L + value.getNanos()));
        }
        if (vector instanceof VarBinaryVector v) {
            return (rows, c, i) -> {
                byte[] value = rows.getBytes(c);
                if (value == null) {
                    return 0;
                }
                v.setSafe(i, value);
                return value.length;
            };
        }
        VarCharVector text = (VarCharVector) vector;
        return (rows, c, i) -> {
            Object value = rows.getObject(c);
            if (value == null) {
                return 0;
            }
            byte[] utf8 = (value instanceof BigDecimal number ? number.toPlainString() : value.toString()).getBytes(StandardCharsets.UTF_8);
            text.setSafe(i, utf8);
            return utf8.length;
        };
    }

    /** The value's 64 bits; a DECIMAL(20, 0) the driver computed may hold what no unsigned 64-bit integer can. */
    private static long unsigned64(BigDecimal value, String label) throws SQLException {
        BigInteger integer = value.toBigInteger();
        if (integer.signum() < 0 || integer.compareTo(TWO_TO_64) >= 0 || value.compareTo(new BigDecimal(integer)) != 0) {
            throw new SQLException("column " + label + ": " + value.toPlainString() + " is not an unsigned 64-bit integer "
                    + "(cast it to another type to export it)");
        }
        return integer.longValue();
    }
}
