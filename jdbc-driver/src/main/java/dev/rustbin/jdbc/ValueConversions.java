package dev.rustbin.jdbc;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.invoke.MethodType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.rowset.serial.SerialBlob;

/**
 * {@code ResultSet.getObject(column, Class)} for the Java types clients ask for: numbers of any
 * width (exact: an address above {@code Long.MAX_VALUE} is an error for {@code Long}, never a
 * negative number), text, bytes as arrays, streams and blobs, timestamps as java.time values (UTC).
 */
final class ValueConversions {

    private ValueConversions() {
    }

    static Object convert(Object value, Class<?> requested) throws SQLException {
        if (value == null) {
            return null;
        }
        Class<?> type = MethodType.methodType(requested).wrap().returnType();
        if (type.isInstance(value)) {
            return value;
        }
        try {
            Object converted = value instanceof Number number ? number(number, type)
                    : value instanceof Boolean bool && (type == Integer.class || type == Long.class) ? number(bool ? 1 : 0, type)
                    : null;
            if (converted != null) {
                return converted;
            }
            if (value instanceof byte[] bytes) {
                return bytes(bytes, type);
            }
            if (value instanceof Timestamp timestamp) {
                return timestamp(timestamp, type);
            }
            if (type == String.class) {
                return value.toString();
            }
        } catch (ArithmeticException e) {
            throw new SQLException("value " + value + " does not fit in " + type.getSimpleName(), "22003", e);
        }
        throw new SQLException("cannot convert a " + value.getClass().getSimpleName() + " to " + type.getName(), "22018");
    }

    /** The number as {@code type}, exactly; null when {@code type} is not a number type. */
    private static Object number(Number number, Class<?> type) {
        BigDecimal exact = number instanceof BigDecimal d ? d : number instanceof BigInteger i ? new BigDecimal(i)
                : number instanceof Double || number instanceof Float ? BigDecimal.valueOf(number.doubleValue())
                : BigDecimal.valueOf(number.longValue());
        if (type == Long.class) {
            return exact.longValueExact();
        }
        if (type == Integer.class) {
            return exact.intValueExact();
        }
        if (type == Short.class) {
            return exact.shortValueExact();
        }
        if (type == Byte.class) {
            return exact.byteValueExact();
        }
        if (type == BigInteger.class) {
            return exact.toBigIntegerExact();
        }
        if (type == BigDecimal.class) {
            return exact;
        }
        if (type == Double.class) {
            return exact.doubleValue();
        }
        if (type == Float.class) {
            return exact.floatValue();
        }
        if (type == String.class) {
            return exact.toPlainString();
        }
        if (type == Boolean.class) {
            return exact.signum() != 0;
        }
        return null;
    }

    private static Object bytes(byte[] bytes, Class<?> type) throws SQLException {
        if (type == InputStream.class) {
            return new ByteArrayInputStream(bytes);
        }
        if (type == Blob.class) {
            return new SerialBlob(bytes);
        }
        throw new SQLException("cannot convert bytes to " + type.getName(), "22018");
    }

    private static Object timestamp(Timestamp timestamp, Class<?> type) throws SQLException {
        LocalDateTime local = timestamp.toLocalDateTime();
        if (type == LocalDateTime.class) {
            return local;
        }
        if (type == OffsetDateTime.class) {
            return local.atOffset(ZoneOffset.UTC);
        }
        if (type == Instant.class) {
            return local.toInstant(ZoneOffset.UTC);
        }
        if (type == LocalDate.class) {
            return local.toLocalDate();
        }
        if (type == String.class) {
            return timestamp.toString();
        }
        throw new SQLException("cannot convert a timestamp to " + type.getName(), "22018");
    }
}
