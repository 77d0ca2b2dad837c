package dev.rustbin.jdbc;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.AvaticaStatement;

/**
 * A statement (plain or prepared) that refuses writing SQL in one line, wraps its results in
 * {@link RustbinResultSet}, and re-arms cancellation for each execution: Avatica's cancel flag
 * stays set after a {@code cancel()}, which would fail every later query of the statement.
 */
final class RustbinStatement extends Interceptor<Statement> {

    private static final Field CANCEL_FLAG = cancelFlagField();

    private final Connection connection;

    private RustbinStatement(Statement target, Connection connection) {
        super(target);
        this.connection = connection;
    }

    static Statement wrap(Statement statement, Connection connection) {
        return proxy(Statement.class, new RustbinStatement(statement, connection));
    }

    static PreparedStatement wrap(PreparedStatement statement, Connection connection) {
        return proxy(PreparedStatement.class, new RustbinStatement(statement, connection));
    }

    @Override
    Object intercept(Statement proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.equals("getConnection")) {
            return connection;
        }
        if (name.startsWith("execute") || name.equals("addBatch")) {
            if (args.length > 0 && args[0] instanceof String sql) {
                ReadOnlySql.check(sql);
            }
            rearmCancellation();
        }
        if (name.equals("executeQuery") || name.equals("getResultSet")) {
            ResultSet rows = (ResultSet) PlannerThread.call(() -> callTarget(method, args));
            return RustbinResultSet.wrap(rows, proxy, target.getLargeMaxRows());
        }
        if (name.startsWith("execute")) {
            return PlannerThread.call(() -> callTarget(method, args));
        }
        return PASS;
    }

    private void rearmCancellation() throws IllegalAccessException {
        if (target instanceof AvaticaStatement avatica) {
            ((AtomicBoolean) CANCEL_FLAG.get(avatica)).set(false);
        }
    }

    private static Field cancelFlagField() {
        try {
            Field field = AvaticaStatement.class.getDeclaredField("cancelFlag");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
