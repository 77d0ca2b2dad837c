package dev.rustbin.jdbc;

import dev.rustbin.calcite.RustbinSchema;
import dev.rustbin.calcite.columnar.ColumnarOptions;
import dev.rustbin.format.BinaryCatalog;
import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.memory.ProcessSnapshot;
import dev.rustbin.memory.SnapshotTaker;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Handler;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;

/**
 * {@code jdbc:rustbin:/path/to/app} (one binary) or {@code jdbc:rustbin:/path/to/dir} (every binary
 * directly inside it). A Calcite connection with the rustbin schema registered in code as default.
 */
public final class RustbinDriver extends Driver {

    public static final String PREFIX = "jdbc:rustbin:";

    static {
        UnicodeLiterals.enable();
        new RustbinDriver().register();
    }

    @Override
    protected String getConnectStringPrefix() {
        return PREFIX;
    }

    @Override
    protected DriverVersion createDriverVersion() {
        String version = version();
        String[] parts = version.split("[.-]");
        int major = parts.length > 0 ? parseOr(parts[0]) : 0;
        int minor = parts.length > 1 ? parseOr(parts[1]) : 0;
        return new DriverVersion("rustbin JDBC Driver", version, "rustbin", version, false, major, minor, major, minor);
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        Properties settings = ConnectionTargets.withUrlQuery(url.substring(PREFIX.length()), info);
        List<Path> named = new ArrayList<>(ConnectionTargets.parse(ConnectionTargets.withoutQuery(url.substring(PREFIX.length())), settings));
        SnapshotTaker live = SnapshotSources.liveProcess(settings);
        List<ProcessSnapshot> snapshots = new ArrayList<>(SnapshotSources.launch(settings, named));
        try {
            snapshots.addAll(SnapshotSources.initial(SnapshotSources.cores(settings), live, named));
        } catch (SQLException e) {
            SnapshotSources.closeAll(snapshots);
            throw e;
        }
        if (named.isEmpty()) {
            throw new SQLException("rustbin: no binary given; use jdbc:rustbin:/path/to/binary or jdbc:rustbin:/path/to/directory", "08001");
        }
        BinaryCatalog catalog;
        try {
            ArrowRuntimeCheck.require();
            catalog = BinaryCatalog.of(named);
        } catch (BinaryFormatException e) {
            SnapshotSources.closeAll(snapshots);
            throw new SQLException(e.getMessage(), "08001", e);
        } catch (SQLException | RuntimeException e) {
            SnapshotSources.closeAll(snapshots);
            throw e;
        }
        ColumnarOptions columnar;
        try {
            columnar = ColumnarOptions.of(settings);
        } catch (IllegalArgumentException e) {
            catalog.close();
            SnapshotSources.closeAll(snapshots);
            throw new SQLException("rustbin: " + e.getMessage(), "08001", e);
        }
        Connection connection = super.connect(PREFIX, ConnectionProperties.forCalcite(settings));
        CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
        SchemaPlus schema = calcite.getRootSchema().add(RustbinSchema.NAME,
                new RustbinSchema(catalog, SnapshotSources.registryOf(snapshots), live, columnar));
        schema.add("version", ScalarFunctionImpl.create(VersionFunction.class, "version"));
        calcite.setSchema(RustbinSchema.NAME);
        return RustbinConnection.wrap(connection, url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return ConnectionProperties.describe(info);
    }

    @Override
    protected Handler createHandler() {
        Handler calcite = super.createHandler();
        return new Handler() {
            @Override
            public void onConnectionInit(AvaticaConnection connection) throws SQLException {
                calcite.onConnectionInit(connection);
            }

            @Override
            public void onConnectionClose(AvaticaConnection connection) {
                calcite.onConnectionClose(connection);
                closeSchema(connection);
            }

            @Override
            public void onStatementExecute(AvaticaStatement statement, ResultSink resultSink) {
                calcite.onStatementExecute(statement, resultSink);
            }

            @Override
            public void onStatementClose(AvaticaStatement statement) {
                calcite.onStatementClose(statement);
            }
        };
    }

    /** Releases the connection's binaries and Arrow memory (the root allocator checks for leaks). */
    private static void closeSchema(AvaticaConnection connection) {
        try {
            SchemaPlus schema = connection.unwrap(CalciteConnection.class).getRootSchema().getSubSchema(RustbinSchema.NAME);
            if (schema != null) {
                schema.unwrap(RustbinSchema.class).close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String version() {
        return versionOf("version");
    }

    /** rustbin's version, or that of a component it was built with (calcite, arrow), from the build. */
    static String versionOf(String component) {
        Properties p = new Properties();
        try (InputStream in = RustbinDriver.class.getResourceAsStream("rustbin-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty(component, "unknown");
    }

    private static int parseOr(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
