package dev.rustbin.schema;

import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The SQL type a column's Arrow type is shown as, in every engine that serves the tables (Calcite
 * behind JDBC, Spark), so an address has the same type whichever door a user comes through.
 */
public enum SqlType {
    VARCHAR,
    VARBINARY,
    BOOLEAN,
    INTEGER,
    BIGINT,
    /** Unsigned 64-bit values: DECIMAL({@link #UINT64_DIGITS}, 0), as BIGINT would turn addresses at or above 2^63 negative. */
    UINT64_DECIMAL,
    /** Nanoseconds without a time zone (the SOP's Timestamp(Nanosecond, None)). */
    TIMESTAMP;

    /** Digits an unsigned 64-bit value needs. */
    public static final int UINT64_DIGITS = 20;

    public static SqlType of(ArrowType type) {
        if (type instanceof ArrowType.Utf8) {
            return VARCHAR;
        }
        if (type instanceof ArrowType.Binary) {
            return VARBINARY;
        }
        if (type instanceof ArrowType.Bool) {
            return BOOLEAN;
        }
        if (type instanceof ArrowType.Int integer) {
            if (!integer.getIsSigned() && integer.getBitWidth() == 64) {
                return UINT64_DECIMAL;
            }
            return integer.getBitWidth() == 64 ? BIGINT : INTEGER;
        }
        if (type instanceof ArrowType.Timestamp) {
            return TIMESTAMP;
        }
        throw new IllegalArgumentException("no SQL type for Arrow type " + type);
    }
}
