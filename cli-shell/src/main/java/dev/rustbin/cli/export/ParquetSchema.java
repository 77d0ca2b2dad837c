package dev.rustbin.cli.export;

import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema of an Arrow schema, keeping the logical types: UInt64 as INT64 annotated
 * INTEGER(64, false) (UINT_64), text as STRING, Timestamp(ns) as TIMESTAMP(NANOS) not adjusted to
 * UTC, decimals as DECIMAL in 16 bytes. Nullable fields are optional, the rest required.
 */
final class ParquetSchema {

    static final int DECIMAL_BYTES = 16;

    private ParquetSchema() {
    }

    static MessageType of(Schema schema) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (Field field : schema.getFields()) {
            message.addField(column(field));
        }
        return message.named("rustbin");
    }

    private static Type column(Field field) {
        Type.Repetition repetition = field.isNullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        ArrowType type = field.getType();
        if (type instanceof ArrowType.Int integer) {
            PrimitiveTypeName physical = integer.getBitWidth() == 64 ? PrimitiveTypeName.INT64 : PrimitiveTypeName.INT32;
            return Types.primitive(physical, repetition)
                    .as(LogicalTypeAnnotation.intType(integer.getBitWidth(), integer.getIsSigned())).named(field.getName());
        }
        if (type instanceof ArrowType.Utf8) {
            return Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(field.getName());
        }
        if (type instanceof ArrowType.Binary) {
            return Types.primitive(PrimitiveTypeName.BINARY, repetition).named(field.getName());
        }
        if (type instanceof ArrowType.Bool) {
            return Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(field.getName());
        }
        if (type instanceof ArrowType.FloatingPoint floating) {
            PrimitiveTypeName physical = floating.getPrecision() == FloatingPointPrecision.SINGLE ? PrimitiveTypeName.FLOAT : PrimitiveTypeName.DOUBLE;
            return Types.primitive(physical, repetition).named(field.getName());
        }
        if (type instanceof ArrowType.Decimal decimal) {
            return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(DECIMAL_BYTES)
                    .as(LogicalTypeAnnotation.decimalType(decimal.getScale(), decimal.getPrecision())).named(field.getName());
        }
        if (type instanceof ArrowType.Timestamp) {
            return Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.NANOS)).named(field.getName());
        }
        throw new IllegalArgumentException("no Parquet type for Arrow type " + type);
    }
}
