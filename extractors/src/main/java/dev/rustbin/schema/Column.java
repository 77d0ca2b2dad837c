package dev.rustbin.schema;

import dev.rustbin.format.LoadedBinary;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * One column of a table: its name, Arrow type, meaning, and how a row of type {@code R} (from a
 * {@link LoadedBinary}) writes its value. Factories exist per Arrow type so a table definition reads
 * as a list of (name, type, meaning, value) lines.
 */
public final class Column<R> {

    /** Writes the value of {@code row} at {@code index} of a vector of this column's type. */
    @FunctionalInterface
    interface CellWriter<R> {
        void write(FieldVector vector, int index, LoadedBinary binary, R row);
    }

    public static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
    public static final ArrowType UINT64 = new ArrowType.Int(64, false);
    public static final ArrowType INT64 = new ArrowType.Int(64, true);
    public static final ArrowType INT32 = new ArrowType.Int(32, true);
    public static final ArrowType BOOL = ArrowType.Bool.INSTANCE;
    public static final ArrowType BINARY = ArrowType.Binary.INSTANCE;
    public static final ArrowType TIMESTAMP_NS = new ArrowType.Timestamp(TimeUnit.NANOSECOND, null);

    private final String name;
    private final ArrowType type;
    private final boolean nullable;
    private final String description;
    private final CellWriter<R> writer;

    private Column(String name, ArrowType type, boolean nullable, String description, CellWriter<R> writer) {
        this.name = name;
        this.type = type;
        this.nullable = nullable;
        this.description = description;
        this.writer = writer;
    }

    public String name() {
        return name;
    }

    public ArrowType type() {
        return type;
    }

    public boolean nullable() {
        return nullable;
    }

    public String description() {
        return description;
    }

    public Field field() {
        return new Field(name, new FieldType(nullable, type, null), null);
    }

    void write(FieldVector vector, int index, LoadedBinary binary, R row) {
        writer.write(vector, index, binary, row);
    }

    /** The first column of every table, so several binaries can be queried and joined. */
    public static <R> Column<R> path() {
        return utf8("path", "absolute path of the binary the row comes from", (b, r) -> b.pathText(), false);
    }

    public static <R> Column<R> utf8(String name, String description, BiFunction<LoadedBinary, R, String> value, boolean nullable) {
        return typed(name, UTF8, nullable, description, value,
                (v, i, s) -> ((VarCharVector) v).setSafe(i, s.getBytes(StandardCharsets.UTF_8)));
    }

    public static <R> Column<R> uint64(String name, String description, BiFunction<LoadedBinary, R, Long> value, boolean nullable) {
        return typed(name, UINT64, nullable, description, value, (v, i, n) -> ((UInt8Vector) v).setSafe(i, n));
    }

    public static <R> Column<R> int64(String name, String description, BiFunction<LoadedBinary, R, Long> value, boolean nullable) {
        return typed(name, INT64, nullable, description, value, (v, i, n) -> ((BigIntVector) v).setSafe(i, n));
    }

    public static <R> Column<R> int32(String name, String description, BiFunction<LoadedBinary, R, Integer> value, boolean nullable) {
        return typed(name, INT32, nullable, description, value, (v, i, n) -> ((IntVector) v).setSafe(i, n));
    }

    public static <R> Column<R> bool(String name, String description, BiFunction<LoadedBinary, R, Boolean> value, boolean nullable) {
        return typed(name, BOOL, nullable, description, value, (v, i, flag) -> ((BitVector) v).setSafe(i, flag ? 1 : 0));
    }

    /** Nanoseconds since the epoch, without a time zone (the SOP's Timestamp(Nanosecond, None)). */
    public static <R> Column<R> timestampNanos(String name, String description, BiFunction<LoadedBinary, R, Long> value, boolean nullable) {
        return typed(name, TIMESTAMP_NS, nullable, description, value, (v, i, n) -> ((TimeStampNanoVector) v).setSafe(i, n));
    }

    /** Bytes served from the mapped file: copied once, into Arrow's off-heap buffer, never onto the JVM heap. */
    public static <R> Column<R> binary(String name, String description, BiFunction<LoadedBinary, R, ByteBuffer> value, boolean nullable) {
        return typed(name, BINARY, nullable, description, value,
                (v, i, bytes) -> ((VarBinaryVector) v).setSafe(i, bytes, bytes.position(), bytes.remaining()));
    }

    /** Stores a non-null value of type {@code T} at an index of a vector of the column's Arrow type. */
    @FunctionalInterface
    private interface ValueSetter<T> {
        void set(FieldVector vector, int index, T value);
    }

    private static <R, T> Column<R> typed(String name, ArrowType type, boolean nullable, String description,
                                          BiFunction<LoadedBinary, R, T> value, ValueSetter<T> setter) {
        return new Column<>(name, type, nullable, description, (v, i, b, r) -> {
            T cell = value.apply(b, r);
            if (cell == null) {
                v.setNull(i);
            } else {
                setter.set(v, i, cell);
            }
        });
    }
}
