package dev.rustbin.cli.export;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** Writes row {@code i} of an Arrow batch as one Parquet record; a null value is a field left out. */
final class ParquetRows extends WriteSupport<Integer> {

    @FunctionalInterface
    private interface ValueWriter {
        void write(RecordConsumer consumer, int row);
    }

    private final VectorSchemaRoot batch;
    private final MessageType schema;
    private final List<ValueWriter> writers = new ArrayList<>();
    private RecordConsumer consumer;

    ParquetRows(VectorSchemaRoot batch) {
        this.batch = batch;
        this.schema = ParquetSchema.of(batch.getSchema());
        for (FieldVector vector : batch.getFieldVectors()) {
            writers.add(writerFor(vector));
        }
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, Map.of());
    }

    /** Required by the abstract class; parquet-hadoop calls the ParquetConfiguration overload when given one. */
    @Override
    public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
        return new WriteContext(schema, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(Integer row) {
        consumer.startMessage();
        List<FieldVector> vectors = batch.getFieldVectors();
        for (int c = 0; c < writers.size(); c++) {
            if (!vectors.get(c).isNull(row)) {
                String name = schema.getFieldName(c);
                consumer.startField(name, c);
                writers.get(c).write(consumer, row);
                consumer.endField(name, c);
            }
        }
        consumer.endMessage();
    }

    private static ValueWriter writerFor(FieldVector vector) {
        if (vector instanceof UInt8Vector v) {
            return (out, i) -> out.addLong(v.get(i));
        }
        if (vector instanceof BigIntVector v) {
            return (out, i) -> out.addLong(v.get(i));
        }
        if (vector instanceof TimeStampNanoVector v) {
            return (out, i) -> out.addLong(v.get(i));
        }
        if (vector instanceof BaseIntVector v) {
            return (out, i) -> out.addInteger((int) v.getValueAsLong(i));
        }
        if (vector instanceof BitVector v) {
            return (out, i) -> out.addBoolean(v.get(i) != 0);
        }
        if (vector instanceof Float8Vector v) {
            return (out, i) -> out.addDouble(v.get(i));
        }
        if (vector instanceof Float4Vector v) {
            return (out, i) -> out.addFloat(v.get(i));
        }
        if (vector instanceof DecimalVector v) {
            return (out, i) -> out.addBinary(Binary.fromConstantByteArray(twosComplement(v.getObject(i))));
        }
        if (vector instanceof VarCharVector v) {
            return (out, i) -> out.addBinary(Binary.fromConstantByteArray(v.get(i)));
        }
        VarBinaryVector bytes = (VarBinaryVector) vector;
        return (out, i) -> out.addBinary(Binary.fromConstantByteArray(bytes.get(i)));
    }

    /** The unscaled value in {@link ParquetSchema#DECIMAL_BYTES} big-endian bytes, sign-extended. */
    private static byte[] twosComplement(BigDecimal value) {
        byte[] minimal = value.unscaledValue().toByteArray();
        byte[] full = new byte[ParquetSchema.DECIMAL_BYTES];
        Arrays.fill(full, 0, full.length - minimal.length, (byte) (value.signum() < 0 ? 0xff : 0));
        System.arraycopy(minimal, 0, full, full.length - minimal.length, minimal.length);
        return full;
    }
}
