package dev.rustbin.spark;

import java.math.BigDecimal;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarMap;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Spark's view of one of our Arrow vectors, read in place. Spark's own ArrowColumnVector is built
 * on Spark's Arrow version; this one is built on ours (relocated in the shipped jar), so the two
 * Arrow versions never meet. Types as {@link SparkSchemas} gives them: unsigned 64-bit as
 * DECIMAL(20, 0), timestamps in microseconds.
 */
final class ArrowColumn extends ColumnVector {

    private final FieldVector vector;

    ArrowColumn(FieldVector vector, DataType type) {
        super(type);
        this.vector = vector;
    }

    @Override
    public void close() {
        // the record batch stream owns the vectors and closes them
    }

    @Override
    public boolean hasNull() {
        return vector.getNullCount() > 0;
    }

    @Override
    public int numNulls() {
        return vector.getNullCount();
    }

    @Override
    public boolean isNullAt(int rowId) {
        return vector.isNull(rowId);
    }

    @Override
    public boolean getBoolean(int rowId) {
        return ((BitVector) vector).get(rowId) != 0;
    }

    @Override
    public int getInt(int rowId) {
        return ((IntVector) vector).get(rowId);
    }

    @Override
    public long getLong(int rowId) {
        if (vector instanceof TimeStampNanoVector timestamps) {
            return Math.floorDiv(timestamps.get(rowId), 1000L);
        }
        return ((BigIntVector) vector).get(rowId);
    }

    @Override
    public Decimal getDecimal(int rowId, int precision, int scale) {
        long value = ((UInt8Vector) vector).get(rowId);
        return value >= 0 ? Decimal.apply(value, precision, scale)
                : Decimal.apply(new BigDecimal(Long.toUnsignedString(value)), precision, scale);
    }

    @Override
    public UTF8String getUTF8String(int rowId) {
        BaseVariableWidthVector text = (BaseVariableWidthVector) vector;
        return UTF8String.fromAddress(null, text.getDataBuffer().memoryAddress() + text.getStartOffset(rowId), text.getValueLength(rowId));
    }

    @Override
    public byte[] getBinary(int rowId) {
        return ((VarBinaryVector) vector).get(rowId);
    }

    @Override
    public byte getByte(int rowId) {
        throw unsupported("byte");
    }

    @Override
    public short getShort(int rowId) {
        throw unsupported("short");
    }

    @Override
    public float getFloat(int rowId) {
        throw unsupported("float");
    }

    @Override
    public double getDouble(int rowId) {
        throw unsupported("double");
    }

    @Override
    public ColumnarArray getArray(int rowId) {
        throw unsupported("array");
    }

    @Override
    public ColumnarMap getMap(int ordinal) {
        throw unsupported("map");
    }

    @Override
    public ColumnVector getChild(int ordinal) {
        throw unsupported("struct");
    }

    private UnsupportedOperationException unsupported(String kind) {
        return new UnsupportedOperationException("rustbin column " + vector.getName() + " is not of " + kind + " type");
    }
}
