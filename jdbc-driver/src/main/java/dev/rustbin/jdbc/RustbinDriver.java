package dev.rustbin.jdbc;

import dev.rustbin.calcite.RustbinSchema;
import dev.rustbin.calcite.RustbinTypeSystem;
import dev.rustbin.calcite.columnar.ColumnarOptions;
import dev.rustbin.format.BinaryCatalog;
import dev.rustbin.format.BinaryFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
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

/**
 * {@code jdbc:rustbin:/path/to/app} (one binary) or {@code jdbc:rustbin:/path/to/dir} (every binary
 * directly inside it). A Calcite connection with the rustbin schema registered in code as default.
 */
public final class RustbinDriver extends Driver {

    public static final String PREFIX = "jdbc:rustbin:";

    static {
        new RustbinDriver().register();
    }

    /**
     * Unquoted names keep their case and match case-insensitively; identifiers quote with "double
     * quotes"; DECIMAL is wide enough for unsigned 64-bit values.
     */
    private static final String[][] LEXICAL_DEFAULTS = {
        {"quoting", "DOUBLE_QUOTE"},
        {"unquotedCasing", "UNCHANGED"},
        {"quotedCasing", "UNCHANGED"},
        {"caseSensitive", "false"},
        {"typeSystem", RustbinTypeSystem.class.getName() + "#INSTANCE"},
    };

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
        List<Path> named = ConnectionTargets.parse(url.substring(PREFIX.length()), info);
        if (named.isEmpty()) {
            throw new SQLException("rustbin: no binary given; use jdbc:rustbin:/path/to/binary or jdbc:rustbin:/path/to/directory", "08001");
        }
        ArrowRuntimeCheck.require();
        BinaryCatalog catalog;
        try {
            catalog = BinaryCatalog.of(named);
        } catch (BinaryFormatException e) {
            throw new SQLException(e.getMessage(), "08001", e);
        }
        Properties properties = new Properties();
        for (String[] setting : LEXICAL_DEFAULTS) {
            properties.setProperty(setting[0], setting[1]);
        }
        if (info != null) {
            properties.putAll(info);
        }
        properties.remove(ConnectionTargets.PATHS_PROPERTY);
        ColumnarOptions columnar;
        try {
            columnar = ColumnarOptions.take(properties);
        } catch (IllegalArgumentException e) {
            catalog.close();
            throw new SQLException("rustbin: " + e.getMessage(), "08001", e);
        }
        Connection connection = super.connect(PREFIX, properties);
        CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
        calcite.getRootSchema().add(RustbinSchema.NAME, new RustbinSchema(catalog, columnar));
        calcite.setSchema(RustbinSchema.NAME);
        return connection;
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
        Properties p = new Properties();
        try (InputStream in = RustbinDriver.class.getResourceAsStream("rustbin-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    private static int parseOr(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
