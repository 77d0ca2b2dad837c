package dev.rustbin.cli.export;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Arrow schema of a result set: the exact inverse of how the driver shows the tables' Arrow types
 * in SQL (UInt64 as DECIMAL(20, 0), Int64 as BIGINT, Int32 as INTEGER, Binary as VARBINARY,
 * Timestamp(ns) as TIMESTAMP(9)), so a column exported from a table has the table's own type. Computed
 * columns get the nearest Arrow type of their SQL type; types without one are written as text.
 */
public final class ResultSchema {

    /** Digits the driver gives unsigned 64-bit columns (the largest value, 2^64 - 1, has 20). */
    static final int UINT64_DIGITS = 20;

    private ResultSchema() {
    }

    public static Schema of(ResultSetMetaData meta) throws SQLException {
        List<Field> fields = new ArrayList<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            ArrowType type = typeOf(meta.getColumnType(c), meta.getPrecision(c), meta.getScale(c));
            boolean nullable = meta.isNullable(c) != ResultSetMetaData.columnNoNulls;
            fields.add(new Field(meta.getColumnLabel(c), new FieldType(nullable, type, null), null));
        }
        return new Schema(fields);
    }

    static ArrowType typeOf(int sqlType, int precision, int scale) {
        return switch (sqlType) {
            case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.NCHAR -> ArrowType.Utf8.INSTANCE;
            case Types.VARBINARY, Types.BINARY, Types.LONGVARBINARY -> ArrowType.Binary.INSTANCE;
            case Types.BOOLEAN, Types.BIT -> ArrowType.Bool.INSTANCE;
            case Types.TINYINT -> new ArrowType.Int(8, true);
            case Types.SMALLINT -> new ArrowType.Int(16, true);
            case Types.INTEGER -> new ArrowType.Int(32, true);
            case Types.BIGINT -> new ArrowType.Int(64, true);
            case Types.DECIMAL, Types.NUMERIC -> precision == UINT64_DIGITS && scale == 0
                    ? new ArrowType.Int(64, false)
                    : new ArrowType.Decimal(Math.max(precision, 1), scale, 128);
            case Types.REAL -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case Types.FLOAT, Types.DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case Types.TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.NANOSECOND, null);
            default -> ArrowType.Utf8.INSTANCE;
        };
    }
}
