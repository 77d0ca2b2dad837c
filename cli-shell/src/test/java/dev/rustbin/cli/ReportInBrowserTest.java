package dev.rustbin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.cli.ShellRuns.Outcome;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.ParkedMemdemo;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report opened in headless Chromium: no console message while it loads (its one script lists
 * the embedded queries), the treemap holds one node per row of rust_crates with that row's bytes,
 * the charts and tables show what the same SQL answers through JDBC, every embedded query returns
 * as many rows as the page says, and a screenshot is kept as target/report-screenshot.png.
 */
class ReportInBrowserTest {

    private static final Path SCREENSHOT = Path.of("target/report-screenshot.png").toAbsolutePath();
    private static final Pattern CRATE = Pattern.compile("<g class=\"crate\" data-crate=\"([^\"]*)\" data-code-bytes=\"(\\d+)\" data-data-bytes=\"(\\d+)\">");
    private static final Pattern BAR = Pattern.compile("<g class=\"bar\" data-label=\"([^\"]*)\" data-value=\"(-?\\d+)\">");
    private static final Pattern QUERY = Pattern.compile("<li data-key=\"([^\"]+)\" data-rows=\"(\\d+)\"><b>[^<]*</b><code>([^<]*)</code></li>");

    @TempDir
    Path dir;

    @Test
    void twoBinariesAndTheirDiff() throws Exception {
        Path before = Corpus.fixture("demo-release");
        Path after = Corpus.fixture("demo-debug");
        Path page = dir.resolve("report.html");
        Outcome report = ShellRuns.run(null, "report", before.toString(), after.toString(), "-o", page.toString());
        assertEquals(0, report.status(), report.err());
        String dom = chromium(page, "--dump-dom");
        screenshot(page);

        try (Connection connection = connect(before, after)) {
            List<String> paths = List.of(column(connection, "select path from binary_files where file_name = 'demo-release'").get(0),
                    column(connection, "select path from binary_files where file_name = 'demo-debug'").get(0));
            for (int t = 0; t < 2; t++) {
                String where = " where path = '" + paths.get(t) + "'";
                assertEquals(rows(connection, "select crate_name, code_bytes, data_bytes from rust_crates" + where),
                        matches(CRATE, section(dom, "t" + t + "-treemap")), "one treemap node per crate of rust_crates, with its bytes");
                assertEquals(rows(connection, "select permissions, sum(size) from binary_sections" + where + " group by permissions"),
                        matches(BAR, section(dom, "t" + t + "-sections")), "section bytes by permission");
                assertEquals(column(connection, "select symbol_size from binary_symbols" + where
                        + " and symbol_type = 'function' order by symbol_size desc limit 25"),
                        cellValues(section(dom, "t" + t + "-largest-functions")), "the largest functions' sizes");
            }
            Map<String, Long> growth = new TreeMap<>();
            for (int t = 0; t < 2; t++) {
                long sign = t == 0 ? -1 : 1;
                for (List<String> row : rows(connection, "select crate_name, code_bytes + data_bytes from rust_crates where path = '" + paths.get(t) + "'")) {
                    growth.merge(row.get(0), sign * Long.parseLong(row.get(1)), Long::sum);
                }
            }
            List<List<String>> expectedGrowth = growth.entrySet().stream().map(e -> List.of(e.getKey(), e.getValue().toString())).toList();
            assertEquals(expectedGrowth, matches(BAR, section(dom, "diff-crates-chart")), "each crate's growth, second minus first");
            assertQueriesAnswerAsThePageSays(connection, dom, 18);
        }
    }

    @Test
    void snapshotAddsMemoryByTypeAndHeapBySite() throws Exception {
        try (ParkedMemdemo demo = ParkedMemdemo.start()) {
            Path core = demo.gcore(dir);
            demo.release();
            Path page = dir.resolve("memory.html");
            Outcome report = ShellRuns.run(null, "report", Corpus.fixture("memdemo").toString(), "--core", core.toString(), "-o", page.toString());
            assertEquals(0, report.status(), report.err());
            String dom = chromium(page, "--dump-dom");
            Properties properties = new Properties();
            properties.setProperty("paths", Corpus.fixture("memdemo").toString());
            properties.setProperty("core", core.toString());
            try (Connection connection = DriverManager.getConnection("jdbc:rustbin:", properties)) {
                List<List<String>> types = rows(connection, "select type, sum(size) from memory_regions where region_kind = 'mapping' group by type");
                assertTrue(types.size() > 3, types.toString());
                assertEquals(types, matches(BAR, section(dom, "memory-types")), "mapped bytes by region type");
                List<List<String>> heap = rows(connection, "select count(*), sum(size) from memory_regions where region_kind = 'chunk'");
                long chunks = matches(BAR, section(dom, "memory-heap-sites")).size();
                assertTrue(chunks >= 1 && Long.parseLong(heap.get(0).get(0)) > 0, heap.toString());
                assertQueriesAnswerAsThePageSays(connection, dom, 10);
            }
        }
    }

    private static Connection connect(Path... binaries) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("paths", String.join("\n", List.of(binaries).stream().map(Path::toString).toList()));
        return DriverManager.getConnection("jdbc:rustbin:", properties);
    }

    /** The page's list of its queries (made by its script from the embedded JSON): each returns the rows it says. */
    private static void assertQueriesAnswerAsThePageSays(Connection connection, String dom, int expected) throws SQLException {
        Matcher m = QUERY.matcher(dom);
        Map<String, Integer> checked = new LinkedHashMap<>();
        while (m.find()) {
            String sql = m.group(3).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
            assertEquals(Integer.parseInt(m.group(2)), rows(connection, sql).size(), m.group(1) + ": " + sql);
            checked.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        assertEquals(expected, checked.size(), checked.toString());
    }

    /** Chromium's dumped DOM after the page loaded; fails on any console message (errors from its script included). */
    private static String chromium(Path page, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("chromium", "--headless", "--disable-gpu", "--no-sandbox", "--enable-logging=stderr", "--v=0",
                "--user-data-dir=" + page.resolveSibling("chromium-profile")));
        command.addAll(List.of(args));
        command.add(page.toUri().toString());
        Path err = page.resolveSibling("chromium.err");
        Process browser = new ProcessBuilder(command).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String out = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(browser.waitFor(60, TimeUnit.SECONDS), "chromium still running");
        String log = Files.readString(err);
        assertEquals(0, browser.exitValue(), log);
        assertTrue(log.lines().noneMatch(line -> line.contains(":CONSOLE")), "console messages:\n" + log);
        return out;
    }

    private static void screenshot(Path page) throws IOException, InterruptedException {
        Files.createDirectories(SCREENSHOT.getParent());
        Files.deleteIfExists(SCREENSHOT);
        chromium(page, "--hide-scrollbars", "--window-size=1240,1500", "--screenshot=" + SCREENSHOT);
        byte[] png = Files.readAllBytes(SCREENSHOT);
        assertTrue(png.length > 10_000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG of the page");
    }

    /** The element with this id, up to the end of its kind of element. */
    private static String section(String dom, String id) {
        int start = dom.indexOf("id=\"" + id + "\"");
        assertTrue(start >= 0, "no element " + id);
        int end = dom.indexOf(dom.startsWith("<svg", dom.lastIndexOf('<', start)) ? "</svg>" : "</table>", start);
        return dom.substring(start, end);
    }

    private static List<List<String>> matches(Pattern pattern, String text) {
        List<List<String>> rows = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            List<String> row = new ArrayList<>();
            for (int g = 1; g <= m.groupCount(); g++) {
                row.add(m.group(g).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"));
            }
            rows.add(row);
        }
        return sorted(rows);
    }

    private static List<String> cellValues(String table) {
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile("data-value=\"(\\d+)\"").matcher(table);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    private static List<String> column(Connection connection, String sql) throws SQLException {
        return rows(connection, sql).stream().map(r -> r.get(0)).toList();
    }

    /** Rows as text (see {@link TextRows}); sorted unless the query orders them. */
    private static List<List<String>> rows(Connection connection, String sql) throws SQLException {
        List<List<String>> rows = TextRows.of(connection, sql);
        return sql.contains("order by") ? rows : sorted(rows);
    }

    private static List<List<String>> sorted(List<List<String>> rows) {
        rows.sort((a, b) -> a.toString().compareTo(b.toString()));
        return rows;
    }
}
