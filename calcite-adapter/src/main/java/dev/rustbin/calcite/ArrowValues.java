package dev.rustbin.calcite;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.calcite.avatica.util.ByteString;

/** Reads one cell of an Arrow vector as the Java value Calcite's runtime uses for the column's SQL type. */
public final class ArrowValues {

    private ArrowValues() {
    }

    /** A reader bound to one vector, chosen once per batch instead of per cell. */
    @FunctionalInterface
    public interface CellReader {
        Object read(int index);
    }

    public static CellReader readerFor(FieldVector vector) {
        if (vector instanceof VarCharVector v) {
            return i -> v.isNull(i) ? null : new String(v.get(i), StandardCharsets.UTF_8);
        }
        if (vector instanceof UInt8Vector v) {
            return i -> v.isNull(i) ? null : unsigned(v.get(i));
        }
        if (vector instanceof VarBinaryVector v) {
            return i -> v.isNull(i) ? null : new ByteString(v.get(i));
        }
        if (vector instanceof TimeStampVector v) {
            // Calcite represents TIMESTAMP as epoch milliseconds.
            return i -> v.isNull(i) ? null : Math.floorDiv(v.get(i), 1_000_000L);
        }
        return storedReaderFor(vector);
    }

    /**
     * A reader of the cells as the vector stores them, which is how the Java evaluator computes on
     * them: text as its UTF-8 bytes, bytes as they are, uint64 as its signed bits, integers, booleans.
     */
    public static CellReader storedReaderFor(FieldVector vector) {
        if (vector instanceof VarCharVector v) {
            return i -> v.isNull(i) ? null : v.get(i);
        }
        if (vector instanceof VarBinaryVector v) {
            return i -> v.isNull(i) ? null : v.get(i);
        }
        if (vector instanceof UInt8Vector v) {
            return i -> v.isNull(i) ? null : v.get(i);
        }
        if (vector instanceof BigIntVector v) {
            return i -> v.isNull(i) ? null : v.get(i);
        }
        if (vector instanceof IntVector v) {
            return i -> v.isNull(i) ? null : v.get(i);
        }
        if (vector instanceof BitVector v) {
            return i -> v.isNull(i) ? null : v.get(i) != 0;
        }
        throw new IllegalArgumentException("no reader for " + vector.getField());
    }

    static BigDecimal unsigned(long value) {
        return value >= 0 ? BigDecimal.valueOf(value) : new BigDecimal(Long.toUnsignedString(value));
    }
}
