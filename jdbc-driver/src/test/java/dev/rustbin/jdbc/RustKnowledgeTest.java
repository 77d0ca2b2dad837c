package dev.rustbin.jdbc;

import static dev.rustbin.jdbc.SqlResults.counts;
import static dev.rustbin.jdbc.SqlResults.single;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Tools;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Crates, generic grouping, build facts and the Rust SQL functions, checked against nm, c++filt and rustc. */
class RustKnowledgeTest {

    private static Connection open(Path target) throws SQLException {
        return DriverManager.getConnection(RustbinDriver.PREFIX + target);
    }

    /** Code bytes of the demo's own crates, against nm -S -C (binutils' own demangler) on the same file. */
    @Test
    void crateSizesAgreeWithNm() throws SQLException {
        Path file = Corpus.fixture("demo-release");
        Map<String, Long> nmBytes = new HashMap<>();
        for (String line : Tools.run(List.of("nm", "-S", "-C", "--defined-only", file.toString())).split("\n")) {
            String[] f = line.split(" ", 4);
            if (f.length == 4 && (f[2].equals("t") || f[2].equals("T"))) {
                for (String crate : List.of("demo", "shapes")) {
                    if (f[3].startsWith(crate + "::") || f[3].startsWith("<" + crate + "::")) {
                        nmBytes.merge(crate, Long.parseLong(f[1], 16), Long::sum);
                    }
                }
            }
        }
        try (Connection c = open(file)) {
            Map<String, Long> perCrate = counts(c, "SELECT crate_name, sum(symbol_size) FROM binary_symbols"
                    + " WHERE symbol_type = 'function' GROUP BY crate_name ORDER BY 2 DESC");
            assertTrue(perCrate.keySet().containsAll(List.of("demo", "shapes", "std", "core", "alloc")), perCrate.toString());
            assertEquals(nmBytes.get("demo"), perCrate.get("demo"));
            assertEquals(nmBytes.get("shapes"), perCrate.get("shapes"));
            Map<String, Long> crates = counts(c, "select crate_name, code_bytes from rust_crates");
            assertEquals(nmBytes.get("demo"), crates.get("demo"));
            assertEquals("path", single(c, "select crate_source from rust_crates where crate_name = 'shapes'"));
            assertEquals("std", single(c, "select crate_source from rust_crates where crate_name = 'core'"));
            assertTrue(((String) single(c, "select crate_version from rust_crates where crate_name = 'rustc_demangle'")).matches("\\d+\\.\\d+\\.\\d+"));
        }
    }

    @Test
    void genericInstantiationsGroupTogether() throws SQLException {
        try (Connection c = open(Corpus.fixture("demo-release"))) {
            assertEquals(3L, ((Number) single(c, "select count(*) from binary_symbols where generic_name = 'demo::describe_all'")).longValue());
            assertEquals(1L, ((Number) single(c, "select count(distinct demangled_name) from binary_symbols"
                    + " where generic_name = 'demo::describe_all'")).longValue(), "legacy names carry no generic arguments");
            assertEquals("<shapes::Rect as shapes::Area>::area", single(c, "select demangled_name from binary_symbols"
                    + " where crate_name = 'shapes' and symbol_name like '%Rect%'"));
        }
    }

    @Test
    void everyRustSymbolOfALargeBinaryHasACrate() throws SQLException {
        try (Connection c = open(Corpus.rustcDriver())) {
            long rust = ((Number) single(c, "select count(*) from binary_symbols where is_rust")).longValue();
            assertTrue(rust > 100_000, "rust symbols: " + rust);
            assertEquals(0L, ((Number) single(c, "select count(*) from binary_symbols where is_rust and crate_name is null")).longValue());
            assertEquals(0L, ((Number) single(c, "select count(*) from binary_symbols where not is_rust and crate_name is not null")).longValue());
            assertTrue(((Number) single(c, "select count(*) from rust_crates where crate_name like 'rustc_%'")).longValue() > 40);
        }
    }

    @Test
    void functionsWorkOnAnyString() throws SQLException {
        try (Connection c = open(Corpus.fixture("demo-debug"))) {
            assertEquals(0L, ((Number) single(c, "select count(*) from binary_symbols where rust_demangle(symbol_name) <> demangled_name"
                    + " or rust_crate(symbol_name) <> crate_name or rust_generic(symbol_name) <> generic_name"
                    + " or is_rust_symbol(symbol_name) <> is_rust")).longValue());
            assertEquals("core::ptr::drop_in_place", single(c, "select rust_generic('_RINvNtCs1234_4core3ptr13drop_in_placeReEB4_')"));
            assertEquals("not a symbol", single(c, "select rust_demangle('not a symbol')"));
        }
    }

    /** The build facts against what the installed rustc says of itself (the corpus was built with it). */
    @Test
    void buildFactsMatchRustc() throws SQLException {
        Map<String, String> rustc = new HashMap<>();
        for (String line : Tools.run(List.of("rustc", "-vV")).split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                rustc.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        try (Connection c = open(Corpus.fixture("demo-release-stripped"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select rustc_version, rustc_commit, target_triple, panic_strategy from binary_files")) {
            assertTrue(rs.next());
            assertTrue(rs.getString(1).startsWith(rustc.get("release") + " ("), rs.getString(1));
            assertEquals(rustc.get("commit-hash"), rs.getString(2));
            assertEquals(rustc.get("host"), rs.getString(3));
            assertEquals("unwind", rs.getString(4));
        }
    }

    /**
     * Debian builds its Rust packages from crates vendored under /usr/share/cargo/registry/NAME-VERSION/
     * and a std of its own under /usr/src/rustc-VERSION/library/, and strips .comment. Every crate the
     * binary's strings place under the registry has that version; rustc's version is the one dpkg
     * says the package was built with (Built-Using).
     */
    @Test
    void debianBuiltProgramsGiveCrateVersionsAndTheirRustc() throws SQLException {
        java.util.regex.Pattern registry = java.util.regex.Pattern.compile(
                "/usr/share/cargo/registry/([A-Za-z0-9_.-]+?)-(\\d+\\.\\d+\\.\\d+[^/]*)/");
        java.util.regex.Pattern builtWith = java.util.regex.Pattern.compile("rustc \\(= (\\d+\\.\\d+\\.\\d+)");
        for (String[] program : new String[][] {{"/usr/bin/rg", "ripgrep"}, {"/usr/bin/fdfind", "fd-find"}}) {
            Path file = Path.of(program[0]);
            Map<String, String> expected = new HashMap<>();
            java.util.regex.Matcher m = registry.matcher(Tools.run(List.of("strings", "-n", "8", file.toString())));
            while (m.find()) {
                expected.put(m.group(1).replace('-', '_'), m.group(2) + " registry");
            }
            java.util.regex.Matcher rustc = builtWith.matcher(Tools.run(List.of("dpkg-query", "-W", "-f", "${Built-Using}", program[1])));
            assertTrue(rustc.find());
            try (Connection c = open(file)) {
                Map<String, Object> actual = SqlResults.pairs(c, "select crate_name, crate_version || ' ' || crate_source from rust_crates"
                        + " where crate_version is not null");
                Map<String, Object> listed = new HashMap<>(actual);
                listed.keySet().retainAll(expected.keySet());
                assertTrue(listed.size() >= 5 && listed.size() * 10 >= expected.size() * 8, file + ": " + listed.size()
                        + " of the " + expected.size() + " registry crates in its strings");
                listed.forEach((crate, row) -> assertEquals(expected.get(crate), row, file + " " + crate));
                for (String std : List.of("std", "core", "alloc")) {
                    assertEquals("std", single(c, "select crate_source from rust_crates where crate_name = '" + std + "'"), file + " " + std);
                }
                assertEquals(List.of(List.of(rustc.group(1), "std source paths")),
                        SqlResults.rows(c, "select rustc_version, rustc_version_source from binary_files"), file.toString());
            }
        }
    }

    /** A cargo-auditable list, added to a copy of the demo with objcopy, names versions and sources. */
    @Test
    void auditableDependencyListGivesVersions(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String json = "{\"packages\":[{\"name\":\"demo\",\"version\":\"0.1.0\",\"source\":\"local\",\"root\":true,"
                + "\"dependencies\":[1,2]},{\"name\":\"shapes\",\"version\":\"0.3.1\",\"source\":\"local\"},"
                + "{\"name\":\"serde-json\",\"version\":\"1.0.140\",\"source\":\"crates.io\",\"kind\":\"runtime\"}]}";
        java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream z = new java.util.zip.DeflaterOutputStream(compressed)) {
            z.write(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Path section = java.nio.file.Files.write(dir.resolve("dep-v0.z"), compressed.toByteArray());
        Path audited = dir.resolve("demo-audited");
        Tools.run(List.of("objcopy", "--add-section", ".dep-v0=" + section, "--set-section-flags", ".dep-v0=noload,readonly",
                Corpus.fixture("demo-release").toString(), audited.toString()));
        try (Connection c = open(audited)) {
            Map<String, String> versions = new HashMap<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select crate_name, crate_version || ' ' || crate_source from rust_crates"
                         + " where crate_name in ('demo', 'shapes', 'serde_json')")) {
                while (rs.next()) {
                    versions.put(rs.getString(1), rs.getString(2));
                }
            }
            assertEquals(Map.of("demo", "0.1.0 path", "shapes", "0.3.1 path", "serde_json", "1.0.140 registry"), versions);
        }
    }

    @Test
    void panicLocationsThroughSql() throws SQLException {
        try (Connection c = open(Corpus.fixture("demo-release"))) {
            List<Long> lines = new ArrayList<>(counts(c, "select cast(line as varchar), line from rust_panic_locations"
                    + " where file = 'demo/src/main.rs'").values());
            assertTrue(lines.size() >= 3, lines.toString());
        }
    }
}
