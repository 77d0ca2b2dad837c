package dev.rustbin.spark;

import dev.rustbin.schema.Column;
import dev.rustbin.schema.SqlType;
import dev.rustbin.schema.TableSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** A table's Spark schema, from its single definition: same names, the SQL types JDBC shows, descriptions as comments. */
final class SparkSchemas {

    private SparkSchemas() {
    }

    static StructType of(TableSchema<?> table) {
        return new StructType(table.columns().stream()
                .map(c -> new StructField(c.name(), typeOf(c), c.nullable(), Metadata.empty()).withComment(c.description()))
                .toArray(StructField[]::new));
    }

    static DataType typeOf(Column<?> column) {
        return switch (SqlType.of(column.type())) {
            case VARCHAR -> DataTypes.StringType;
            case VARBINARY -> DataTypes.BinaryType;
            case BOOLEAN -> DataTypes.BooleanType;
            case INTEGER -> DataTypes.IntegerType;
            case BIGINT -> DataTypes.LongType;
            case UINT64_DECIMAL -> DataTypes.createDecimalType(SqlType.UINT64_DIGITS, 0);
            // Spark keeps microseconds: the nanoseconds are truncated
            case TIMESTAMP -> DataTypes.TimestampNTZType;
        };
    }
}
