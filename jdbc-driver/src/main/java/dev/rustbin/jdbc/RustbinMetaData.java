package dev.rustbin.jdbc;

import dev.rustbin.calcite.RustbinSchema;
import dev.rustbin.schema.Column;
import dev.rustbin.schema.TableSchema;
import dev.rustbin.schema.Tables;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What DBeaver, SchemaCrawler and BI tools read on connect and while browsing, answered as they
 * expect: the connection's URL, read-only, plain type names ({@code DECIMAL}, not
 * {@code DECIMAL(20, 0) NOT NULL}), tables and columns described from the schema definitions
 * (REMARKS), rows sorted as the JDBC specification orders them, name patterns matched whatever
 * their case (as SQL matches names), and Calcite's internal {@code metadata} schema left out.
 */
final class RustbinMetaData extends Interceptor<DatabaseMetaData> {

    /** Calcite's own schema of system tables and built-in functions: internal to the engine. */
    static final String INTERNAL_SCHEMA = "metadata";
    private static final Pattern TYPE_DETAILS = Pattern.compile("\\(.*?\\)| NOT NULL| CHARACTER SET.*");

    private final Connection connection;
    private final String url;
    private final Map<String, TableSchema<?>> tables = new HashMap<>();

    private RustbinMetaData(DatabaseMetaData target, Connection connection, String url) {
        super(target);
        this.connection = connection;
        this.url = url;
        for (TableSchema<?> table : Tables.ALL) {
            tables.put(table.name(), table);
        }
    }

    static DatabaseMetaData wrap(DatabaseMetaData meta, Connection connection, String url) {
        return proxy(DatabaseMetaData.class, new RustbinMetaData(meta, connection, url));
    }

    @Override
    Object intercept(DatabaseMetaData proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "getConnection":
                return connection;
            case "getURL":
                return url;
            case "isReadOnly":
                return true;
            case "getTables":
                return tables((String) args[1], (String) args[2], (String[]) args[3]);
            case "getColumns":
                return columns((String) args[1], (String) args[2], (String) args[3]);
            case "getSchemas":
                return schemas(args.length == 2 ? (String) args[1] : null);
            case "getTableTypes":
                return tableTypes();
            case "getCatalogs":
                return catalogs();
            default:
                if (method.getReturnType() == ResultSet.class) {
                    return withoutInternalSchema((ResultSet) callTarget(method, args));
                }
                return PASS;
        }
    }

    private ResultSet tables(String schemaPattern, String tablePattern, String[] types) throws SQLException {
        MetadataRows.Table result = MetadataRows.read(target.getTables(null, null, null, null));
        int schema = result.column("TABLE_SCHEM");
        int name = result.column("TABLE_NAME");
        int type = result.column("TABLE_TYPE");
        int remarks = result.column("REMARKS");
        Predicate<String> schemaMatch = like(schemaPattern);
        Predicate<String> nameMatch = like(tablePattern);
        List<String> wanted = types == null ? null : Arrays.stream(types).map(t -> t.toUpperCase(Locale.ROOT)).toList();
        result.rows().removeIf(row -> !visible(row[schema]) || !schemaMatch.test((String) row[schema])
                || !nameMatch.test((String) row[name])
                || wanted != null && !wanted.contains(String.valueOf(row[type]).toUpperCase(Locale.ROOT)));
        for (Object[] row : result.rows()) {
            TableSchema<?> table = ours(row[schema], row[name]);
            if (table != null) {
                row[remarks] = table.description();
            }
        }
        result.rows().sort(byColumns(result, "TABLE_TYPE", "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME"));
        return result.toResultSet();
    }

    private ResultSet columns(String schemaPattern, String tablePattern, String columnPattern) throws SQLException {
        MetadataRows.Table result = MetadataRows.read(target.getColumns(null, null, null, null));
        int schema = result.column("TABLE_SCHEM");
        int table = result.column("TABLE_NAME");
        int name = result.column("COLUMN_NAME");
        int typeName = result.column("TYPE_NAME");
        int remarks = result.column("REMARKS");
        Predicate<String> schemaMatch = like(schemaPattern);
        Predicate<String> tableMatch = like(tablePattern);
        Predicate<String> nameMatch = like(columnPattern);
        result.rows().removeIf(row -> !visible(row[schema]) || !schemaMatch.test((String) row[schema])
                || !tableMatch.test((String) row[table]) || !nameMatch.test((String) row[name]));
        for (Object[] row : result.rows()) {
            row[typeName] = plainTypeName((String) row[typeName]);
            TableSchema<?> ours = ours(row[schema], row[table]);
            if (ours != null) {
                ours.columns().stream().filter(c -> c.name().equals(row[name])).findFirst()
                        .map(Column::description).ifPresent(description -> row[remarks] = description);
            }
        }
        result.rows().sort(byColumns(result, "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "ORDINAL_POSITION"));
        return result.toResultSet();
    }

    private ResultSet schemas(String schemaPattern) throws SQLException {
        MetadataRows.Table result = MetadataRows.read(target.getSchemas());
        int schema = result.column("TABLE_SCHEM");
        Predicate<String> match = like(schemaPattern);
        result.rows().removeIf(row -> !visible(row[schema]) || !match.test((String) row[schema]));
        result.rows().sort(byColumns(result, "TABLE_CATALOG", "TABLE_SCHEM"));
        return result.toResultSet();
    }

    /** None: tables have no catalog (TABLE_CAT is null), where Calcite lists one null catalog. */
    private ResultSet catalogs() throws SQLException {
        MetadataRows.Table result = MetadataRows.read(target.getCatalogs());
        result.rows().removeIf(row -> row[0] == null);
        return result.toResultSet();
    }

    /** Calcite's types (TABLE, VIEW) and every type a visible table has, once each, sorted. */
    private ResultSet tableTypes() throws SQLException {
        MetadataRows.Table result = MetadataRows.read(target.getTableTypes());
        MetadataRows.Table visible = MetadataRows.read(tables(null, null, null));
        int type = visible.column("TABLE_TYPE");
        for (Object[] row : visible.rows()) {
            if (result.rows().stream().noneMatch(r -> Objects.equals(r[0], row[type]))) {
                result.rows().add(new Object[] {row[type]});
            }
        }
        result.rows().sort(byColumns(result, "TABLE_TYPE"));
        return result.toResultSet();
    }

    /** Any other metadata result (functions, procedures, ...) without the rows of Calcite's internal schema. */
    private static ResultSet withoutInternalSchema(ResultSet rows) throws SQLException {
        if (rows == null) {
            return null;
        }
        MetadataRows.Table result = MetadataRows.read(rows);
        for (String label : List.of("TABLE_SCHEM", "FUNCTION_SCHEM", "PROCEDURE_SCHEM", "TYPE_SCHEM")) {
            if (result.has(label)) {
                int schema = result.column(label);
                result.rows().removeIf(row -> !visible(row[schema]));
            }
        }
        return result.toResultSet();
    }

    private static boolean visible(Object schema) {
        return !INTERNAL_SCHEMA.equals(schema);
    }

    private TableSchema<?> ours(Object schema, Object table) {
        return RustbinSchema.NAME.equals(schema) ? tables.get((String) table) : null;
    }

    /** {@code DECIMAL(20, 0) NOT NULL} as {@code DECIMAL}: precision and nullability have columns of their own. */
    static String plainTypeName(String typeName) {
        return typeName == null ? null : TYPE_DETAILS.matcher(typeName).replaceAll("").strip();
    }

    /**
     * A JDBC search pattern ({@code %} any text, {@code _} one character, {@code \} escapes) matched
     * without regard to case; null matches everything.
     */
    static Predicate<String> like(String pattern) {
        if (pattern == null) {
            return value -> true;
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        Pattern compiled = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
        return value -> value != null && compiled.matcher(value).matches();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Object[]> byColumns(MetadataRows.Table table, String... labels) {
        Comparator<Object[]> order = (a, b) -> 0;
        for (String label : labels) {
            if (table.has(label)) {
                int column = table.column(label);
                order = order.thenComparing(row -> (Comparable) row[column], Comparator.nullsFirst(Comparator.naturalOrder()));
            }
        }
        return order;
    }
}
