package dev.rustbin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Readelf;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prompt in a real pseudo-terminal (tmux): completion of a table and a column, history recall
 * and the history file, a progress bar during a long scan, Ctrl-C cancelling it with the session
 * going on, Ctrl-D leaving; and piped input printing results only.
 */
class InteractiveShellTest {

    private static final String PROMPT = "rustbin> ";
    private static final String QUERY = "select count(*) from binary_sections where section_name = '.text';";

    @TempDir
    Path dir;

    private String stateEnv() {
        return "XDG_STATE_HOME='" + dir.resolve("state") + "'";
    }

    @Test
    void completionHistoryAndCtrlD() throws Exception {
        Path script = TerminalSession.shellScript(dir, stateEnv(), Corpus.fixture("demo-release").toString());
        try (TerminalSession terminal = TerminalSession.start("rustbin-test-complete", script)) {
            terminal.waitFor("the prompt", s -> s.contains(PROMPT.strip()));
            terminal.type("select count(*) from binary_sec");
            terminal.press("Tab");
            terminal.waitFor("the table name completed", s -> s.contains("from binary_sections"));
            terminal.type("where section_n");
            terminal.press("Tab");
            terminal.waitFor("the column name completed", s -> s.contains("where section_name"));
            terminal.type("= '.text';");
            terminal.press("Enter");
            String screen = terminal.waitFor("the result", s -> s.contains("(1 row)"));
            assertTrue(screen.contains(PROMPT + QUERY), screen);
            terminal.press("Up");
            terminal.waitFor("the statement recalled", s -> TerminalSession.count(s, PROMPT + QUERY) == 2);
            terminal.press("Enter");
            terminal.waitFor("the statement run again", s -> TerminalSession.count(s, "(1 row)") == 2);
            terminal.press("C-d");
            terminal.waitFor("the shell to leave", s -> s.contains("exit status 0"));
        }
        List<String> history = Files.readAllLines(dir.resolve("state/rustbin/history"));
        assertTrue(history.get(history.size() - 1).endsWith(QUERY), history.toString());
    }

    @Test
    void ctrlCCancelsALongScanAndTheSessionGoesOn() throws Exception {
        Path script = TerminalSession.shellScript(dir, stateEnv(), Corpus.rustcDriver().toString());
        try (TerminalSession terminal = TerminalSession.start("rustbin-test-cancel", script)) {
            terminal.waitFor("the prompt", s -> s.contains(PROMPT.strip()));
            // Loads the binary's symbols and plans once, so that the Ctrl-C below lands in the scan itself.
            terminal.type("select count(*) from instructions where address = 0;");
            terminal.press("Enter");
            terminal.waitFor("the first result", s -> s.contains("(1 row)"));
            terminal.type("select mnemonic, count(*) from instructions group by mnemonic;");
            terminal.press("Enter");
            terminal.waitFor("the progress bar", s -> s.matches("(?s).*\\[#* *\\] +\\d+% [\\d.]+ MB of [\\d.]+ MB disassembled.*"));
            long pressed = System.nanoTime();
            terminal.press("C-c");
            String screen = terminal.waitFor("the cancel", s -> s.contains("rustbin: query cancelled"));
            long ms = (System.nanoTime() - pressed) / 1_000_000;
            assertTrue(!screen.contains("(") || !screen.substring(screen.indexOf("group by mnemonic;")).contains(" rows)"),
                    "the scan of about 21.8 M instructions did not finish: " + screen);
            assertTrue(!screen.contains("disassembled"), "the progress bar is erased: " + screen);
            System.out.println("Ctrl-C to 'query cancelled' on the screen: " + ms + " ms");
            terminal.type("select count(*) from binary_files;");
            terminal.press("Enter");
            terminal.waitFor("the next statement's result", s -> TerminalSession.count(s, "(1 row)") == 2);
            terminal.press("C-d");
            terminal.waitFor("the shell to leave", s -> s.contains("exit status 0"));
        }
    }

    @Test
    void pipedInputPrintsOnlyResults() throws Exception {
        Path demo = Corpus.fixture("demo-release");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                RustbinShell.class.getName(), demo.toString(), "--format", "csv");
        Path input = Files.writeString(dir.resolve("input.sql"), "select count(*) as n from binary_symbols;\n"
                + ".mode table\nselect bits\nfrom binary_files");
        Process p = new ProcessBuilder(command).redirectInput(input.toFile())
                .redirectError(ProcessBuilder.Redirect.to(new File(dir.resolve("stderr").toString()))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals("n\n" + Readelf.symbols(demo).size() + "\nbits\n----\n  64\n(1 row)\n", out);
        assertEquals("", Files.readString(dir.resolve("stderr")));
        assertEquals(0, p.exitValue());
    }
}
