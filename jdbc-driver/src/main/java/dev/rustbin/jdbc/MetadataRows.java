package dev.rustbin.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A metadata result read into memory so rustbin can filter, complete and sort its rows: the
 * columns (names and types) stay those of Calcite's result, the rows are rustbin's. Forward-only
 * and read-only, as JDBC metadata results are.
 */
final class MetadataRows implements InvocationHandler {

    private final ResultSetMetaData meta;
    private final List<String> labels;
    private final List<Object[]> rows;
    private final Statement statement;
    private int current = -1;
    private boolean wasNull;
    private boolean closed;

    private MetadataRows(ResultSetMetaData meta, List<String> labels, List<Object[]> rows, Statement statement) {
        this.meta = meta;
        this.labels = labels;
        this.rows = rows;
        this.statement = statement;
    }

    /** The rows of {@code result}, read to the end; {@code result} is closed. */
    static Table read(ResultSet result) throws SQLException {
        try (result) {
            ResultSetMetaData meta = result.getMetaData();
            List<String> labels = new ArrayList<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                labels.add(meta.getColumnLabel(c).toUpperCase(Locale.ROOT));
            }
            List<Object[]> rows = new ArrayList<>();
            while (result.next()) {
                Object[] row = new Object[labels.size()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = result.getObject(c + 1);
                }
                rows.add(row);
            }
            return new Table(meta, labels, rows, result.getStatement());
        }
    }

    /** Rows with named columns, to edit before they are handed out as a result set. */
    record Table(ResultSetMetaData meta, List<String> labels, List<Object[]> rows, Statement statement) {

        int column(String label) {
            int index = labels.indexOf(label);
            if (index < 0) {
                throw new IllegalArgumentException("no metadata column " + label);
            }
            return index;
        }

        boolean has(String label) {
            return labels.contains(label);
        }

        ResultSet toResultSet() {
            return (ResultSet) Proxy.newProxyInstance(MetadataRows.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                    new MetadataRows(meta, labels, rows, statement));
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "next":
                return ++current < rows.size();
            case "close":
                closed = true;
                return null;
            case "isClosed":
                return closed;
            case "wasNull":
                return wasNull;
            case "getMetaData":
                return meta;
            case "getStatement":
                return statement;
            case "findColumn":
                return indexOf(args[0]) + 1;
            case "getType":
                return ResultSet.TYPE_FORWARD_ONLY;
            case "getConcurrency":
                return ResultSet.CONCUR_READ_ONLY;
            case "getRow":
                return current >= 0 && current < rows.size() ? current + 1 : 0;
            case "isBeforeFirst":
                return current < 0 && !rows.isEmpty();
            case "isAfterLast":
                return current >= rows.size() && !rows.isEmpty();
            case "getWarnings":
                return null;
            case "clearWarnings", "setFetchSize", "setFetchDirection":
                return null;
            case "getFetchSize":
                return 0;
            case "getFetchDirection":
                return ResultSet.FETCH_FORWARD;
            case "unwrap":
                throw new SQLException("not a wrapper for " + args[0]);
            case "isWrapperFor":
                return false;
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            case "toString":
                return "rustbin metadata rows " + labels;
            default:
                if (name.startsWith("get") && args != null && (args.length == 1 || args.length == 2 && args[1] instanceof Class<?>)) {
                    return get(method, args);
                }
                throw new SQLFeatureNotSupportedException("metadata results do not support " + name);
        }
    }

    private int indexOf(Object column) throws SQLException {
        int index = column instanceof Integer i ? i - 1 : labels.indexOf(((String) column).toUpperCase(Locale.ROOT));
        if (index < 0 || index >= labels.size()) {
            throw new SQLException("no column " + column);
        }
        return index;
    }

    private Object get(Method method, Object[] args) throws SQLException {
        if (current < 0 || current >= rows.size()) {
            throw new SQLException("no current row");
        }
        Object value = rows.get(current)[indexOf(args[0])];
        wasNull = value == null;
        Class<?> type = args.length == 2 ? (Class<?>) args[1] : method.getReturnType();
        if (type == Object.class) {
            return value;
        }
        if (type.isPrimitive()) {
            if (value == null) {
                return type == boolean.class ? Boolean.FALSE : ValueConversions.convert(BigDecimal.ZERO, type);
            }
            return ValueConversions.convert(value, type);
        }
        return ValueConversions.convert(value, type);
    }
}
