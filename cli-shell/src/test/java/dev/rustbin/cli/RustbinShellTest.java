package dev.rustbin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.cli.export.PageCompression;
import dev.rustbin.cli.ShellRuns.Outcome;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Readelf;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-shot command line: formats, exit codes, and one-line errors. */
class RustbinShellTest {

    private static Outcome run(String defaultTarget, String... args) {
        return ShellRuns.run(defaultTarget, args);
    }

    @Test
    void csvIsAHeaderThenRows() {
        Path demo = Corpus.fixture("demo-release");
        Outcome o = run(null, demo.toString(), "--format", "csv", "-e",
                "select section_name, size, permissions from binary_sections where is_executable order by address");
        assertEquals(0, o.status(), o.err());
        List<String> lines = o.out().lines().toList();
        assertEquals("section_name,size,permissions", lines.get(0));
        List<String> expected = Readelf.sections(demo).stream().filter(s -> s.flags().contains("X"))
                .sorted((a, b) -> Long.compare(a.address(), b.address()))
                .map(s -> s.name() + "," + s.size() + ",r-x").toList();
        assertEquals(expected, lines.subList(1, lines.size()));
    }

    @Test
    void jsonAndTableFormats() {
        Path demo = Corpus.fixture("demo-release");
        Outcome json = run(null, demo.toString(), "-f", "json", "-e", "select file_name, bits, is_stripped, build_id from binary_files");
        assertEquals(0, json.status(), json.err());
        assertTrue(json.out().matches("(?s)\\[\\n  \\{\"file_name\": \"demo-release\", \"bits\": 64, \"is_stripped\": false, \"build_id\": \"[0-9a-f]{40}\"}\\n]\\n"), json.out());
        Outcome table = run(null, demo.toString(), "-e", "select segment_type from binary_segments where segment_type = 'INTERP'");
        assertEquals("segment_type\n------------\nINTERP\n(1 row)\n", table.out());
    }

    @Test
    void defaultTargetIsUsedWhenNoneIsGiven() {
        Outcome o = run(Corpus.fixture("demo-debug").toString(), "-f", "csv", "-e", "select file_name from binary_files");
        assertEquals("file_name\ndemo-debug\n", o.out());
        Outcome none = run(null, "-e", "select 1");
        assertEquals(2, none.status());
        assertEquals("rustbin: no target given (name a binary or a directory)\n", none.err());
    }

    @Test
    void executeTakesSeveralStatementsWithOrWithoutSemicolons() {
        String demo = Corpus.fixture("demo-release").toString();
        Outcome two = run(null, demo, "-f", "csv", "-e", "select 1 as a; select 'x;y' as b -- a comment; still a comment\n;");
        assertEquals(0, two.status(), two.err());
        assertEquals("a\n1\nb\nx;y\n", two.out());
        assertEquals("a\n1\n", run(null, demo, "-f", "csv", "-e", "select 1 as a;").out());
        Outcome stops = run(null, demo, "-f", "csv", "-e", "select 1 as a; select nope; select 2 as c");
        assertEquals(1, stops.status());
        assertEquals("a\n1\n", stops.out(), "the statements after a failing one do not run");
    }

    @Test
    void setPassesAConnectionProperty() {
        String demo = Corpus.fixture("demo-release").toString();
        String sql = "select string_agg(section_name, ',') as s from binary_sections where section_name = '.text'";
        assertEquals("s\n.text\n", run(null, demo, "-f", "csv", "-e", sql).out(), "the PostgreSQL library is on by default");
        Outcome strict = run(null, demo, "--set", "fun=standard", "-e", sql);
        assertEquals(1, strict.status());
        assertTrue(strict.err().contains("No match found for function signature STRING_AGG"), strict.err());
        assertEquals(2, run(null, demo, "--set", "fun", "-e", sql).status(), "NAME=VALUE is required");
    }

    @Test
    void dotCommands(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("script.sql"), "select 7 as seven;\n.mode json\nselect 8 as eight\n");
        Path results = dir.resolve("results.txt");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:rustbin:" + Corpus.fixture("demo-release"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            ShellSession session = new ShellSession(c, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), "csv", PageCompression.DEFAULT, false, () -> 0, false);
            for (String line : List.of(".tables", ".schema binary_segments", ".output " + results, ".read " + script, ".output",
                    ".mode csv", "select 9", "as nine;", ".help", ".nope", ".schema no_such_table", ".quit")) {
                session.feed(line);
            }
            assertTrue(session.quitRequested());
            String shown = out.toString(StandardCharsets.UTF_8);
            List<String> tables = dev.rustbin.schema.Tables.ALL.stream().map(dev.rustbin.schema.TableSchema::name).sorted().toList();
            assertTrue(shown.startsWith(String.join("\n", tables) + "\n"), shown);
            assertTrue(shown.contains("binary_segments  -- " + dev.rustbin.schema.BinarySegmentsTable.TABLE.description() + "\n"), shown);
            assertTrue(shown.contains("  segment_type             VARCHAR NOT NULL   type as readelf prints it"), shown);
            assertTrue(shown.contains("nine\n9\n"), shown);
            assertTrue(shown.contains(".schema [TABLE]"), shown);
            assertTrue(!shown.contains("seven") && !shown.contains("eight"), "those went to the file: " + shown);
            assertEquals("seven\n7\n[\n  {\"eight\": 8}\n]\n", Files.readString(results));
            assertEquals("rustbin: unknown command .nope (.help lists them)\nrustbin: no table no_such_table (.tables lists them)\n",
                    err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void parseErrorsAreOneShortLine() {
        Outcome o = run(null, Corpus.fixture("demo-release").toString(), "-e", "select from where");
        assertEquals(1, o.status());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().startsWith("rustbin: ") && o.err().contains("line 1, column") && !o.err().contains("expecting"), o.err());
        assertTrue(o.err().length() < 200, o.err());
    }

    @Test
    void tablesAlignNumbersRightCountCellsAndFitTheWidth() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:rustbin:" + Corpus.fixture("demo-release"));
             java.sql.Statement s = c.createStatement()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (java.sql.ResultSet rs = s.executeQuery("select '日本語' as w, 12 as n")) {
                new TableFormat(0).print(rs, new PrintStream(out, true, StandardCharsets.UTF_8));
            }
            assertEquals("w      |  n\n-------+---\n日本語 | 12\n(1 row)\n", out.toString(StandardCharsets.UTF_8));
            out.reset();
            try (java.sql.ResultSet rs = s.executeQuery("select path, file_name from binary_files")) {
                new TableFormat(30).print(rs, new PrintStream(out, true, StandardCharsets.UTF_8));
            }
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertTrue(lines.stream().allMatch(l -> TableFormat.cells(l) <= 30), lines.toString());
            assertTrue(lines.get(2).contains("…") && lines.get(2).endsWith("| demo-release"), lines.toString());
        }
    }

    /** The launcher builds the demo program (and so needs cargo) only when this says so. */
    @Test
    void onlyACommandWithoutATargetUsesTheDefault() {
        assertTrue(ShellOptions.parse(new String[] {"-e", "select 1"}).usesDefaultTarget());
        assertTrue(ShellOptions.parse(new String[] {"-f", "csv", "-e", "/bin/ls"}).usesDefaultTarget(), "a value is no target");
        assertFalse(ShellOptions.parse(new String[] {"/bin/ls", "-e", "select 1"}).usesDefaultTarget());
        assertFalse(ShellOptions.parse(new String[] {"--help"}).usesDefaultTarget());
    }

    @Test
    void cacheFlagsBecomeTheCacheProperties() {
        assertEquals(java.util.Map.of("cache_dir", "/tmp/rustbin-tables"),
                ShellOptions.parse(new String[] {"/bin/ls", "--cache-dir", "/tmp/rustbin-tables"}).settings());
        assertEquals(java.util.Map.of("cache", "false"), ShellOptions.parse(new String[] {"/bin/ls", "--no-cache"}).settings());
    }

    @Test
    void errorsAreOneLineOnStderrWithNonZeroExit(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing binary");
        Outcome o = run(null, missing.toString(), "-e", "select 1");
        assertEquals(1, o.status());
        assertEquals("rustbin: " + missing + ": no such file or directory\n", o.err());
        Outcome badSql = run(null, Corpus.fixture("demo-release").toString(), "-e", "select nope from binary_files");
        assertEquals(1, badSql.status());
        assertEquals(1, badSql.err().lines().count(), badSql.err());
        assertTrue(badSql.err().contains("Column 'nope' not found"), badSql.err());
        Path corrupt = Files.write(dir.resolve("corrupt"), java.util.Arrays.copyOf(Files.readAllBytes(Corpus.fixture("demo-release")), 4096));
        Outcome parse = run(null, corrupt.toString(), "-e", "select count(*) from binary_symbols");
        assertEquals(1, parse.status());
        assertTrue(parse.err().startsWith("rustbin: " + corrupt + ": "), parse.err());
        assertEquals(1, parse.err().lines().count(), parse.err());
        Outcome badOption = run(null, "--format", "xml");
        assertEquals(2, badOption.status());
        assertTrue(badOption.err().startsWith("rustbin: unknown format 'xml'"), badOption.err());
    }

    @Test
    void exportAndReportSayWhatTheyNeed(@TempDir Path dir) throws Exception {
        String demo = Corpus.fixture("demo-release").toString();
        Outcome noDirectory = run(null, "export", demo);
        assertEquals(2, noDirectory.status());
        assertTrue(noDirectory.err().startsWith("rustbin: rustbin export needs targets and a directory"), noDirectory.err());
        Outcome csv = run(null, "export", demo, "--to", dir.toString(), "--format", "csv");
        assertEquals("rustbin: rustbin export writes parquet or arrow, not csv", csv.err().lines().findFirst().orElseThrow());
        Outcome misplaced = run(null, demo, "--to", dir.toString());
        assertTrue(misplaced.err().startsWith("rustbin: --to is an option of 'rustbin export'"), misplaced.err());
        Outcome noTable = run(null, "export", demo, "--to", dir.toString(), "--tables", "binary_symbols,no_such_table");
        assertEquals(1, noTable.status());
        assertTrue(noTable.err().contains("no_such_table"), noTable.err());
        assertTrue(Files.isRegularFile(dir.resolve("binary_symbols.parquet")), "the tables before the failing one are written");
        try (var files = Files.list(dir)) {
            assertEquals(List.of("binary_symbols.parquet"), files.map(p -> p.getFileName().toString()).toList(), "no partial file is left");
        }
        Outcome unwritable = run(null, "report", demo, "-o", dir.resolve("missing/report.html").toString());
        assertEquals(1, unwritable.status());
        assertEquals("rustbin: " + dir.resolve("missing/report.html") + ": no such file or directory", unwritable.err().strip());
    }
}
