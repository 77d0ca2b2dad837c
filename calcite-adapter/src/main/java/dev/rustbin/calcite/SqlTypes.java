package dev.rustbin.calcite;

import dev.rustbin.schema.Column;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** The SQL type each Arrow column type is shown as. */
final class SqlTypes {

    /** Unsigned 64-bit values need 20 decimal digits; BIGINT would turn addresses at or above 2^63 negative. */
    static final int UINT64_DIGITS = 20;

    private SqlTypes() {
    }

    static RelDataType of(RelDataTypeFactory factory, Column<?> column) {
        RelDataType type = factory.createTypeWithNullability(base(factory, column.type()), column.nullable());
        return type;
    }

    private static RelDataType base(RelDataTypeFactory factory, ArrowType type) {
        if (type instanceof ArrowType.Utf8) {
            return factory.createSqlType(SqlTypeName.VARCHAR);
        }
        if (type instanceof ArrowType.Binary) {
            return factory.createSqlType(SqlTypeName.VARBINARY);
        }
        if (type instanceof ArrowType.Bool) {
            return factory.createSqlType(SqlTypeName.BOOLEAN);
        }
        if (type instanceof ArrowType.Int integer) {
            if (!integer.getIsSigned() && integer.getBitWidth() == 64) {
                return factory.createSqlType(SqlTypeName.DECIMAL, UINT64_DIGITS, 0);
            }
            return factory.createSqlType(integer.getBitWidth() == 64 ? SqlTypeName.BIGINT : SqlTypeName.INTEGER);
        }
        if (type instanceof ArrowType.Timestamp) {
            return factory.createSqlType(SqlTypeName.TIMESTAMP, 9);
        }
        throw new IllegalArgumentException("no SQL type for Arrow type " + type);
    }
}
