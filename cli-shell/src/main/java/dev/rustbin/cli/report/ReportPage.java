package dev.rustbin.cli.report;

import dev.rustbin.cli.export.JsonText;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report: for each binary its build facts, a treemap of code and data bytes by crate then
 * function (generic instantiations grouped), section bytes by permission, the largest functions and
 * generics, panic sites per crate and linked libraries; for two binaries what grew and what is new;
 * with a snapshot, memory by region type and heap bytes by allocation site. Every number is an SQL
 * answer through the connection; each query and its rows are embedded in the page as JSON
 * (script#rustbin-report-data) so the page can be checked, or its numbers reused, and a small script
 * lists the queries at the end. The charts are SVG written by {@link Charts}: no library, nothing
 * fetched, the page opens offline as one file.
 */
public final class ReportPage {

    static final int TOP = 25;

    private final Connection connection;
    private final Map<String, QueryResult> answers = new LinkedHashMap<>();
    private final StringBuilder body = new StringBuilder();

    private ReportPage(Connection connection) {
        this.connection = connection;
    }

    /** The page for the binaries at {@code paths} (as binary_files.path names them); {@code snapshot}: memory tables have rows. */
    public static String build(Connection connection, List<String> paths, boolean snapshot) throws SQLException {
        ReportPage page = new ReportPage(connection);
        for (int i = 0; i < paths.size(); i++) {
            page.binary("t" + i, paths.get(i));
        }
        if (paths.size() == 2) {
            page.diff(paths.get(0), paths.get(1));
        }
        if (snapshot) {
            page.memory();
        }
        return page.html(paths);
    }

    private QueryResult ask(String key, String sql) throws SQLException {
        QueryResult result = QueryResult.run(connection, sql);
        answers.put(key, result);
        return result;
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private void binary(String key, String path) throws SQLException {
        String where = " where path = " + literal(path);
        QueryResult facts = ask(key + ".facts", "select file_name, format, architecture, file_type, file_size, build_id, rustc_version,"
                + " target_triple, panic_strategy, is_stripped, has_debug_info, section_count, symbol_count from binary_files" + where);
        String name = facts.rows().isEmpty() ? path : QueryResult.text(facts.rows().get(0), facts.column("file_name"));
        body.append("<section class=\"binary\" id=\"").append(key).append("\"><h2>").append(Html.escape(name)).append("</h2>\n<p class=\"path\">")
                .append(Html.escape(path)).append("</p>\n");
        factsTable(facts);
        QueryResult crates = ask(key + ".crates", "select crate_name, crate_version, crate_source, symbol_count, code_bytes, data_bytes,"
                + " panic_location_count from rust_crates" + where + " order by code_bytes + data_bytes desc, crate_name");
        QueryResult functions = ask(key + ".functions", "select crate_name, function_name, instantiations, bytes from"
                + " (select crate_name, coalesce(generic_name, demangled_name) as function_name, count(*) as instantiations,"
                + " sum(symbol_size) as bytes, row_number() over (partition by crate_name order by sum(symbol_size) desc,"
                + " coalesce(generic_name, demangled_name)) as place from binary_symbols" + where
                + " and symbol_type = 'function' and is_defined and symbol_size > 0 and crate_name is not null"
                + " group by crate_name, coalesce(generic_name, demangled_name)) where place <= " + Charts.FUNCTIONS_PER_CRATE
                + " order by crate_name, bytes desc, function_name");
        body.append("<h3>Code and data by crate, then function</h3>\n<p class=\"note\">Area is bytes: each crate's functions"
                + " (instantiations of one generic together), the rest of its code as one, and its statics. Hover for names and sizes.</p>\n");
        Charts.treemap(body, crates, functions, key + "-treemap");
        body.append("<h3>Crates</h3>\n");
        Html.table(body, crates, key + "-crates");
        QueryResult sections = ask(key + ".sections", "select permissions, count(*) as sections, sum(size) as bytes from binary_sections"
                + where + " group by permissions order by bytes desc, permissions");
        body.append("<h3>Section bytes by permission</h3>\n");
        Charts.bars(body, sections, "permissions", "bytes", "bytes", key + "-sections");
        body.append("<div class=\"columns\"><div><h3>Largest functions</h3>\n");
        Html.table(body, ask(key + ".largest_functions", "select demangled_name, crate_name, symbol_size from binary_symbols" + where
                + " and symbol_type = 'function' order by symbol_size desc, demangled_name limit " + TOP), key + "-largest-functions");
        body.append("</div><div><h3>Largest generics</h3>\n");
        Html.table(body, ask(key + ".largest_generics", "select generic_name, crate_name, count(*) as instantiations, sum(symbol_size) as bytes"
                + " from binary_symbols" + where + " and symbol_type = 'function' and generic_name is not null"
                + " group by generic_name, crate_name having count(*) > 1 order by bytes desc, generic_name limit " + TOP), key + "-largest-generics");
        body.append("</div></div>\n<h3>Panic sites per crate</h3>\n");
        Charts.bars(body, ask(key + ".panics", "select coalesce(crate_name, '(unknown)') as crate_name, count(*) as panic_sites"
                + " from rust_panic_locations" + where + " group by coalesce(crate_name, '(unknown)') order by panic_sites desc, crate_name"),
                "crate_name", "panic_sites", "panic sites", key + "-panics");
        body.append("<h3>Linked libraries</h3>\n");
        Html.table(body, ask(key + ".libraries", "select library_name, link_kind, is_weak from binary_libraries" + where + " order by library_index"),
                key + "-libraries");
        body.append("</section>\n");
    }

    private void factsTable(QueryResult facts) {
        body.append("<table class=\"facts\"><tbody>\n");
        if (!facts.rows().isEmpty()) {
            List<Object> row = facts.rows().get(0);
            for (int c = 0; c < facts.columns().size(); c++) {
                Object value = row.get(c);
                String shown = value instanceof Number ? Html.number(QueryResult.number(row, c)) : QueryResult.text(row, c);
                body.append("<tr><th>").append(Html.escape(facts.columns().get(c).replace('_', ' '))).append("</th><td>").append(Html.escape(shown))
                        .append("</td></tr>\n");
            }
        }
        body.append("</tbody></table>\n");
    }

    private void diff(String before, String after) throws SQLException {
        body.append("<section class=\"diff\" id=\"diff\"><h2>What changed from the first to the second</h2>\n");
        QueryResult crates = ask("diff.crates", "select coalesce(a.crate_name, b.crate_name) as crate_name,"
                + " a.code_bytes + a.data_bytes as bytes_before, b.code_bytes + b.data_bytes as bytes_after,"
                + " coalesce(b.code_bytes + b.data_bytes, 0) - coalesce(a.code_bytes + a.data_bytes, 0) as growth"
                + " from (select * from rust_crates where path = " + literal(before) + ") a"
                + " full outer join (select * from rust_crates where path = " + literal(after) + ") b on a.crate_name = b.crate_name"
                + " order by growth desc, crate_name");
        body.append("<h3>Crates: bytes of code and data, second minus first (no first: new; no second: gone)</h3>\n");
        Charts.bars(body, crates, "crate_name", "growth", "bytes", "diff-crates-chart");
        Html.table(body, crates, "diff-crates");
        String grouped = " and symbol_type = 'function' and is_defined and symbol_size > 0 group by coalesce(generic_name, demangled_name)";
        QueryResult functions = ask("diff.functions", "select coalesce(a.function_name, b.function_name) as function_name,"
                + " a.bytes as bytes_before, b.bytes as bytes_after, coalesce(b.bytes, 0) - coalesce(a.bytes, 0) as growth from"
                + " (select coalesce(generic_name, demangled_name) as function_name, sum(symbol_size) as bytes from binary_symbols where path = "
                + literal(before) + grouped + ") a full outer join"
                + " (select coalesce(generic_name, demangled_name) as function_name, sum(symbol_size) as bytes from binary_symbols where path = "
                + literal(after) + grouped + ") b on a.function_name = b.function_name"
                + " where coalesce(b.bytes, 0) <> coalesce(a.bytes, 0) order by growth desc, function_name limit " + TOP);
        body.append("<h3>Functions that grew most, or are new</h3>\n");
        Html.table(body, functions, "diff-functions");
        body.append("</section>\n");
    }

    private void memory() throws SQLException {
        body.append("<section class=\"memory\" id=\"memory\"><h2>Memory of the snapshot</h2>\n<h3>Mapped bytes by region type</h3>\n");
        Charts.bars(body, ask("memory.types", "select type, count(*) as regions, sum(size) as bytes from memory_regions"
                + " where region_kind = 'mapping' group by type order by bytes desc, type"), "type", "bytes", "bytes", "memory-types");
        body.append("<h3>Heap bytes by allocation site</h3>\n<p class=\"note\">Live malloc chunks; sites are known when allocations were tracked.</p>\n");
        QueryResult sites = ask("memory.heap_sites", "select coalesce(allocation_site, '(site not tracked)') as allocation_site, count(*) as chunks,"
                + " sum(size) as bytes from memory_regions where region_kind = 'chunk'"
                + " group by coalesce(allocation_site, '(site not tracked)') order by bytes desc, allocation_site limit " + TOP);
        Charts.bars(body, sites, "allocation_site", "bytes", "bytes", "memory-heap-sites");
        Html.table(body, sites, "memory-heap-sites-table");
        body.append("</section>\n");
    }

    private String html(List<String> paths) {
        StringBuilder data = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, QueryResult> answer : answers.entrySet()) {
            data.append(first ? "\n" : ",\n");
            first = false;
            JsonText.quote(data, answer.getKey()).append(": ");
            answer.getValue().appendJson(data);
        }
        data.append("\n}");
        String title = "rustbin report: " + String.join(", ", paths.stream().map(p -> p.substring(p.lastIndexOf('/') + 1)).toList());
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title) + "</title>\n<style>" + STYLE
                + "</style></head>\n<body><h1>" + Html.escape(title) + "</h1>\n" + body
                + "<script type=\"application/json\" id=\"rustbin-report-data\">" + data + "</script>\n<script>" + QUERY_LIST
                + "</script>\n</body></html>\n";
    }

    /** Lists the embedded queries at the end of the page, from the JSON (the charts need no script). */
    private static final String QUERY_LIST = """
            (function () {
              var data = JSON.parse(document.getElementById('rustbin-report-data').textContent);
              var keys = Object.keys(data);
              var list = document.createElement('ol');
              list.id = 'queries';
              keys.forEach(function (key) {
                var item = document.createElement('li');
                item.dataset.key = key;
                item.dataset.rows = data[key].rows.length;
                var name = document.createElement('b');
                name.textContent = key + ' (' + data[key].rows.length + ' rows) ';
                var sql = document.createElement('code');
                sql.textContent = data[key].sql;
                item.appendChild(name);
                item.appendChild(sql);
                list.appendChild(item);
              });
              var details = document.createElement('details');
              var summary = document.createElement('summary');
              summary.textContent = 'The SQL behind every number (' + keys.length + ' queries)';
              details.appendChild(summary);
              details.appendChild(list);
              document.body.appendChild(details);
            })();
            """;

    private static final String STYLE = """
            body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; max-width: 1200px; }
            h1 { font-size: 22px; } h2 { font-size: 19px; border-bottom: 1px solid #ccc; margin-top: 36px; } h3 { font-size: 15px; margin: 20px 0 6px; }
            .path, .note { color: #666; margin: 2px 0 8px; }
            table { border-collapse: collapse; margin: 4px 0 12px; }
            th, td { padding: 2px 8px; border-bottom: 1px solid #eee; text-align: left; max-width: 460px; overflow-wrap: anywhere; }
            details { margin-top: 36px; } code { font-size: 12px; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; } td.none { color: #999; }
            table.facts th { color: #555; font-weight: normal; }
            .columns { display: flex; gap: 24px; flex-wrap: wrap; } .columns > div { flex: 1 1 500px; overflow-x: auto; }
            svg text { font: 11px system-ui, sans-serif; } .crate-label { fill: #fff; font-weight: 600; } .function-label { fill: #111; }
            .bar-label, .bar-value { fill: #333; } rect.grew { fill: #4a78b5; } rect.shrank { fill: #c8553d; }
            """;
}
