package dev.rustbin.jdbc;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The connection clients hold: read-only and in auto-commit (there is nothing to commit), its metadata and statements wrapped, and its open
 * statements closed before Calcite's connection (so every scan releases its Arrow memory before
 * the schema checks for leaks).
 */
final class RustbinConnection extends Interceptor<Connection> {

    private final String url;
    private final List<Statement> statements = new ArrayList<>();
    private DatabaseMetaData meta;

    private RustbinConnection(Connection target, String url) {
        super(target);
        this.url = url;
    }

    static Connection wrap(Connection connection, String url) {
        return proxy(Connection.class, new RustbinConnection(connection, url));
    }

    @Override
    Object intercept(Connection proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "isReadOnly", "getAutoCommit":
                return true;
            case "setReadOnly", "setAutoCommit", "commit", "rollback":
                return null;
            case "getMetaData":
                if (meta == null) {
                    meta = RustbinMetaData.wrap(target.getMetaData(), proxy, url);
                }
                return meta;
            case "createStatement":
                return track((Statement) callTarget(method, args), s -> RustbinStatement.wrap(s, proxy));
            case "prepareStatement":
                ReadOnlySql.check((String) args[0]);
                return track((PreparedStatement) PlannerThread.call(() -> callTarget(method, args)), s -> RustbinStatement.wrap(s, proxy));
            case "prepareCall":
                throw new SQLFeatureNotSupportedException("rustbin has no stored procedures");
            case "close":
                closeStatements();
                return PASS;
            default:
                return PASS;
        }
    }

    private synchronized <S extends Statement> S track(S statement, UnaryOperator<S> wrapper) {
        statements.removeIf(RustbinConnection::isClosed);
        statements.add(statement);
        return wrapper.apply(statement);
    }

    private synchronized void closeStatements() throws SQLException {
        SQLException failure = null;
        for (Statement statement : statements) {
            try {
                statement.close();
            } catch (SQLException e) {
                failure = failure == null ? e : failure;
            }
        }
        statements.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private static boolean isClosed(Statement statement) {
        try {
            return statement.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
