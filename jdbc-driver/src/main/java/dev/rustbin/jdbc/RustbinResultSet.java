package dev.rustbin.jdbc;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.calcite.avatica.util.ByteString;

/**
 * A query's rows as clients expect them: at most the statement's max rows (Calcite ignores
 * {@code setMaxRows} on prepared statements; stopping here leaves the scan's remaining rows
 * unread, and closing the result set stops it), and {@code getObject(column, Class)},
 * {@code getBinaryStream} and {@code getBlob} for every column type.
 */
final class RustbinResultSet extends Interceptor<ResultSet> {

    private final Statement statement;
    private final long maxRows;
    private long rowsRead;

    private RustbinResultSet(ResultSet target, Statement statement, long maxRows) {
        super(target);
        this.statement = statement;
        this.maxRows = maxRows;
    }

    static ResultSet wrap(ResultSet rows, Statement statement, long maxRows) {
        return rows == null ? null : proxy(ResultSet.class, new RustbinResultSet(rows, statement, maxRows));
    }

    @Override
    Object intercept(ResultSet proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "next":
                if (maxRows > 0 && rowsRead >= maxRows) {
                    return false;
                }
                boolean more = target.next();
                rowsRead += more ? 1 : 0;
                return more;
            case "getStatement":
                return statement;
            case "getObject":
                if (args.length == 2 && args[1] instanceof Class<?> type) {
                    return ValueConversions.convert(value(args[0]), type);
                }
                return PASS;
            case "getBinaryStream":
                return ValueConversions.convert(value(args[0]), InputStream.class);
            case "getBlob":
                return ValueConversions.convert(value(args[0]), Blob.class);
            default:
                return PASS;
        }
    }

    /** The column's value; binary values as byte[] (Avatica may hold them as a ByteString). */
    private Object value(Object column) throws SQLException {
        Object value = column instanceof Integer index ? target.getObject(index) : target.getObject((String) column);
        if (value instanceof ByteString) {
            return column instanceof Integer index ? target.getBytes(index) : target.getBytes((String) column);
        }
        return value;
    }
}
