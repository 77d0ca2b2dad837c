package dev.rustbin.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** Values Spark reads through {@link ArrowColumn} are the values in our vectors, at the edges of their types too. */
class ArrowColumnTest {

    @Test
    void unsignedValuesAtAndAbove2To63AreTheirUnsignedDecimal() {
        try (BufferAllocator allocator = new RootAllocator(); UInt8Vector vector = new UInt8Vector("address", allocator)) {
            vector.allocateNew(4);
            vector.set(0, 0x1000L);
            vector.set(1, Long.MIN_VALUE);
            vector.set(2, -1L);
            vector.setNull(3);
            vector.setValueCount(4);
            ArrowColumn column = new ArrowColumn(vector, DataTypes.createDecimalType(20, 0));
            assertEquals(new BigDecimal("4096"), column.getDecimal(0, 20, 0).toJavaBigDecimal());
            assertEquals(new BigDecimal("9223372036854775808"), column.getDecimal(1, 20, 0).toJavaBigDecimal());
            assertEquals(new BigDecimal("18446744073709551615"), column.getDecimal(2, 20, 0).toJavaBigDecimal());
            assertTrue(column.isNullAt(3));
            assertFalse(column.isNullAt(2));
            assertEquals(1, column.numNulls());
        }
    }

    @Test
    void textIsReadInPlaceAndTimestampsAsMicroseconds() {
        try (BufferAllocator allocator = new RootAllocator();
             VarCharVector text = new VarCharVector("name", allocator);
             TimeStampNanoVector time = new TimeStampNanoVector("taken_at", allocator)) {
            text.allocateNew();
            text.setSafe(0, "".getBytes(StandardCharsets.UTF_8));
            text.setSafe(1, "core::panicking::panic_fmt → é".getBytes(StandardCharsets.UTF_8));
            text.setValueCount(2);
            ArrowColumn names = new ArrowColumn(text, DataTypes.StringType);
            assertEquals("", names.getUTF8String(0).toString());
            assertEquals("core::panicking::panic_fmt → é", names.getUTF8String(1).toString());

            time.allocateNew(2);
            time.set(0, 1_764_590_400_123_456_789L);
            time.set(1, -1L);
            time.setValueCount(2);
            ArrowColumn taken = new ArrowColumn(time, DataTypes.TimestampNTZType);
            assertEquals(1_764_590_400_123_456L, taken.getLong(0));
            assertEquals(-1L, taken.getLong(1), "before the epoch rounds down, as Spark's own conversion does");
        }
    }
}
