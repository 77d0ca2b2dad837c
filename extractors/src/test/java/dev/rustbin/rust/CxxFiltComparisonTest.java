package dev.rustbin.rust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every symbol name of real binaries demangles exactly as binutils {@code c++filt} prints it,
 * except for the one documented difference: c++filt appends the hash of legacy names
 * ({@code ::h0123456789abcdef}), {@link RustSymbols#demangle} does not.
 *
 * <p>c++filt runs with {@code --format=rust}: in its default mode it demangles C++ names too, which
 * {@code demangle} deliberately returns unchanged, and it tries Rust first, so for every Rust name
 * both modes print the same. Every other name must come back unchanged from both.
 */
class CxxFiltComparisonTest {
    private static final Pattern LEGACY_HASH = Pattern.compile("::h[0-9a-f]{16}$");
    private static final int SHOWN_MISMATCHES = 8;
    private static final int MUTATED_NAMES = 100_000;
    /** What c++filt reads as one word (it splits its input at any other character). */
    private static final String MANGLING_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$.";
    private static final Pattern LARGE_BINDER = Pattern.compile("G[0-9A-Za-z]{3,}_");

    @Test
    void corpusBinaries() {
        List<String> names = new ArrayList<>();
        for (Path binary : SymbolTables.corpusBinaries()) {
            names.addAll(SymbolTables.names(binary));
        }
        assertDemanglesLikeCxxFilt(names, List.of());
    }

    @Test
    void cargo() {
        assertDemanglesLikeCxxFilt(SymbolTables.names(SymbolTables.cargo()), List.of());
    }

    @Test
    void rustcDriver() {
        List<String> names = SymbolTables.names(SymbolTables.rustcDriver());
        assertTrue(names.size() > 100_000, "expected a large symbol table, got " + names.size());
        assertDemanglesLikeCxxFilt(names, List.of());
    }

    /** Mach-O spells every name with one more underscore; c++filt reads that with --strip-underscore. */
    @Test
    void machOSpellingOfCorpusNames() {
        List<String> names = new ArrayList<>();
        for (Path binary : SymbolTables.corpusBinaries()) {
            for (String name : SymbolTables.names(binary)) {
                if (RustSymbols.isRust(name)) {
                    names.add("_" + name);
                }
            }
        }
        assertTrue(names.size() > 1000, "expected the corpus to hold Rust names, got " + names.size());
        assertDemanglesLikeCxxFilt(names, List.of("--strip-underscore"));
    }

    /**
     * Corrupt names demangle as c++filt prints them too, or stay unchanged where it rejects them:
     * seeded mutations of real names, using only characters c++filt reads as part of one name and
     * keeping the {@code _R}/{@code _Z} start. One documented difference: where c++filt's text
     * would exceed our output cap, we return the name unchanged. Left out are names with a
     * lifetime binder ({@code G}) of three or more base-62 digits: c++filt counts through the
     * binder one by one even where it prints nothing, which can take it hours.
     */
    @Test
    void mutatedNames() {
        NameMutator mutator = new NameMutator(RustSymbolsFuzzTest.seedNames(), 1, MANGLING_CHARS, 2);
        List<String> names = new ArrayList<>();
        while (names.size() < MUTATED_NAMES) {
            String name = mutator.next();
            if (!LARGE_BINDER.matcher(name).find()) {
                names.add(name);
            }
        }
        assertDemanglesLikeCxxFilt(names, List.of());
    }

    private static void assertDemanglesLikeCxxFilt(List<String> names, List<String> extraOptions) {
        List<String> command = new ArrayList<>(List.of("c++filt", "--format=rust"));
        command.addAll(extraOptions);
        List<String> cxxFilt = SymbolTables.run(command, names);
        assertEquals(names.size(), cxxFilt.size(), "c++filt must print one line per name");

        List<String> mismatches = new ArrayList<>();
        int demangled = 0;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String expected = cxxFilt.get(i);
            if (expected.length() > BoundedOutput.MAX_LENGTH) {
                expected = name;
            } else if (!expected.equals(name)) {
                demangled++;
                expected = LEGACY_HASH.matcher(expected).replaceFirst("");
            }
            String actual = RustSymbols.demangle(name);
            if (!expected.equals(actual)) {
                mismatches.add(name + "\n    c++filt: " + expected + "\n    ours:    " + actual);
            }
        }
        assertTrue(demangled > 0, "c++filt demangled none of " + names.size() + " names");
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + names.size() + " names differ from c++filt:\n  "
                + String.join("\n  ", mismatches.subList(0, Math.min(SHOWN_MISMATCHES, mismatches.size()))));
    }
}
