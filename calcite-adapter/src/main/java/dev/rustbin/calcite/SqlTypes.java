package dev.rustbin.calcite;

import dev.rustbin.schema.Column;
import dev.rustbin.schema.SqlType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/** The Calcite type of each column, from the SQL type the schema gives it. */
final class SqlTypes {

    static final int UINT64_DIGITS = SqlType.UINT64_DIGITS;

    private SqlTypes() {
    }

    static RelDataType of(RelDataTypeFactory factory, Column<?> column) {
        return factory.createTypeWithNullability(base(factory, SqlType.of(column.type())), column.nullable());
    }

    private static RelDataType base(RelDataTypeFactory factory, SqlType type) {
        return switch (type) {
            case VARCHAR -> factory.createSqlType(SqlTypeName.VARCHAR);
            case VARBINARY -> factory.createSqlType(SqlTypeName.VARBINARY);
            case BOOLEAN -> factory.createSqlType(SqlTypeName.BOOLEAN);
            case INTEGER -> factory.createSqlType(SqlTypeName.INTEGER);
            case BIGINT -> factory.createSqlType(SqlTypeName.BIGINT);
            case UINT64_DECIMAL -> factory.createSqlType(SqlTypeName.DECIMAL, UINT64_DIGITS, 0);
            case TIMESTAMP -> factory.createSqlType(SqlTypeName.TIMESTAMP, 9);
        };
    }
}
