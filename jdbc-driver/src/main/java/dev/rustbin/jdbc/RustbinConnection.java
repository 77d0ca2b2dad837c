package dev.rustbin.jdbc;

import dev.rustbin.calcite.RustbinSchema;
import dev.rustbin.schema.ScanProgress;
import java.lang.ref.Cleaner;
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
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;

/**
 * The connection clients hold: read-only and in auto-commit (there is nothing to commit), its metadata and statements wrapped, and its open
 * statements closed before Calcite's connection (so every scan releases its Arrow memory before
 * the schema checks for leaks). A statement the client drops without closing it is closed when the
 * garbage collector finds it unreachable, so abandoned result sets do not hold Arrow batches until
 * the connection closes.
 */
final class RustbinConnection extends Interceptor<Connection> {

    /**
     * A read-only client-info property: how far the running scan has got, as "DONE TOTAL UNIT"
     * ({@code 1048576 83886080 bytes disassembled}), or null when no running scan can tell. Any
     * thread may ask while another runs the query (the CLI draws its progress bar from it).
     */
    static final String PROGRESS = "progress";
    private static final Cleaner CLEANER = Cleaner.create();

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
            case "getClientInfo":
                if (args.length == 1 && PROGRESS.equals(args[0])) {
                    return progress();
                }
                return PASS;
            case "prepareCall":
                throw new SQLFeatureNotSupportedException("rustbin has no stored procedures");
            case "close":
                closeStatements();
                return PASS;
            default:
                return PASS;
        }
    }

    private String progress() throws SQLException {
        SchemaPlus schema = target.unwrap(CalciteConnection.class).getRootSchema().getSubSchema(RustbinSchema.NAME);
        ScanProgress progress = schema == null ? null : schema.unwrap(RustbinSchema.class).running().progress();
        return progress == null ? null : progress.done() + " " + progress.total() + " " + progress.unit();
    }

    private synchronized <S extends Statement> S track(S statement, UnaryOperator<S> wrapper) {
        statements.removeIf(RustbinConnection::isClosed);
        statements.add(statement);
        S wrapped = wrapper.apply(statement);
        // the action holds Calcite's statement, never the wrapper the client holds
        CLEANER.register(wrapped, () -> closeQuietly(statement));
        return wrapped;
    }

    /** Closing a connection never fails because one of its statements could not be closed. */
    private synchronized void closeStatements() {
        statements.forEach(RustbinConnection::closeQuietly);
        statements.clear();
    }

    private static void closeQuietly(Statement statement) {
        try {
            statement.close();
        } catch (SQLException | RuntimeException e) {
            // closing releases what it can; there is no one to report a failure to
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
