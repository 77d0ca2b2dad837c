package dev.rustbin.cli;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion of the name being typed: SQL keywords, tables, columns and functions, as the
 * connection's metadata lists them. Only the identifier before the cursor is completed, so
 * {@code hex(addr} completes to {@code hex(address}.
 */
final class SqlCompleter implements Completer {

    private static final List<String> KEYWORDS = List.of("select", "from", "where", "group", "by", "order", "having", "limit",
            "offset", "join", "left", "right", "inner", "outer", "full", "cross", "on", "using", "and", "or", "not", "in", "is",
            "null", "like", "ilike", "between", "exists", "distinct", "as", "case", "when", "then", "else", "end", "union",
            "all", "intersect", "except", "with", "asc", "desc", "count", "sum", "min", "max", "avg", "lateral", "table",
            "values", "cast", "true", "false", "explain", "plan", "for");
    private static final Pattern IDENTIFIER_AT_END = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*$");

    /** Candidate name to what it is (shown as the candidate's group). */
    private final Map<String, String> names = new TreeMap<>();

    SqlCompleter(DatabaseMetaData meta) throws SQLException {
        KEYWORDS.forEach(k -> names.put(k, "keyword"));
        try (ResultSet functions = meta.getFunctions(null, null, "%")) {
            while (functions.next()) {
                names.putIfAbsent(functions.getString("FUNCTION_NAME").toLowerCase(Locale.ROOT), "function");
            }
        }
        for (String list : List.of(meta.getNumericFunctions(), meta.getStringFunctions(), meta.getTimeDateFunctions())) {
            for (String function : list.split(",")) {
                if (!function.isBlank()) {
                    names.putIfAbsent(function.strip().toLowerCase(Locale.ROOT), "function");
                }
            }
        }
        try (ResultSet columns = meta.getColumns(null, null, "%", "%")) {
            while (columns.next()) {
                names.put(columns.getString("COLUMN_NAME"), "column");
            }
        }
        try (ResultSet tables = meta.getTables(null, null, "%", null)) {
            while (tables.next()) {
                names.put(tables.getString("TABLE_NAME"), "table");
            }
        }
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        Matcher identifier = IDENTIFIER_AT_END.matcher(word);
        String typed = identifier.find() ? identifier.group() : "";
        String before = word.substring(0, word.length() - typed.length());
        String lower = typed.toLowerCase(Locale.ROOT);
        names.forEach((name, kind) -> {
            if (name.startsWith(lower)) {
                candidates.add(new Candidate(before + name, name, kind, null, null, null, true));
            }
        });
    }
}
