package dev.rustbin.rust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Corrupt names never make {@link RustSymbols} throw, hang or produce unbounded text: random
 * truncations, character mutations and splices of real mangled names, plus random strings and
 * hand-made backreference bombs. The work is bounded by case counts, never by wall-clock time: the
 * demangler's own step and output caps are what keep each case short, and the bombs show they hold.
 */
class RustSymbolsFuzzTest {
    private static final int CASES = 300_000;
    private static final long SEED = 2603;
    /** Characters of both manglings, a few that neither allows, and one non-ASCII. */
    private static final String ALPHABET =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$.:@<>{}- \u00e9";

    @Test
    void mutatedRealNames() {
        NameMutator mutator = new NameMutator(seedNames(), SEED, ALPHABET, 0);
        for (int i = 0; i < CASES; i++) {
            assertWellBehaved(mutator.next());
        }
    }

    @Test
    void randomStrings() {
        Random random = new Random(SEED + 1);
        String[] prefixes = {"_R", "_ZN", "__R", "__ZN", "_RIN", "_RNv", ""};
        for (int i = 0; i < CASES / 4; i++) {
            StringBuilder input = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
            int length = random.nextInt(60);
            for (int j = 0; j < length; j++) {
                input.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            assertWellBehaved(input.toString());
        }
    }

    /** Each tuple repeats the previous one twice through backreferences: 2^60 pairs if printed. */
    @Test
    void exponentialBackreferencesStopWithinTheBounds() {
        assertEquals("a[0]::f::<(u8, u8), ((u8, u8), (u8, u8)), (((u8, u8), (u8, u8)), ((u8, u8), (u8, u8)))>",
                RustSymbols.demangle(tupleDoublings(2)), "as c++filt prints it");
        String symbol = tupleDoublings(60);
        assertEquals(symbol, RustSymbols.demangle(symbol), "the output cap turns it into a failure");
        assertFalse(RustSymbols.isRust(symbol));
    }

    /** {@code a::f::<(u8, u8), ((u8, u8), (u8, u8)), ...>}: each tuple is two backreferences to the one before. */
    private static String tupleDoublings(int levels) {
        StringBuilder body = new StringBuilder("INvC1a1f");
        int previous = body.length();
        body.append("ThhE");
        for (int level = 0; level < levels; level++) {
            int start = body.length();
            String ref = "B" + base62(previous) + "_";
            body.append('T').append(ref).append(ref).append('E');
            previous = start;
        }
        return "_R" + body.append('E');
    }

    @Test
    void backreferenceCyclesAndDeepNestingFail() {
        String selfReference = "_RNvB_1a";        // the path's prefix is the path itself
        String typeCycle = "_RINvC1a1fB7_E";       // a type backreference to itself
        String deep = "_R" + "NvNv".repeat(700) + "C1a" + "1b1c".repeat(700);
        for (String symbol : List.of(selfReference, typeCycle, deep)) {
            assertEquals(symbol, RustSymbols.demangle(symbol));
            assertFalse(RustSymbols.isRust(symbol));
        }
    }

    /** A fn pointer binding ~62^10 lifetimes in the instantiating crate, a part parsed but never printed. */
    @Test
    void hugeLifetimeBinderInASkippedPathIsNotCounted() {
        String symbol = "_RNvC1a1fINvC1b1gFGzzzzzzzzzz_EuE";
        assertEquals("a[0]::f", RustSymbols.demangle(symbol));
    }

    private static void assertWellBehaved(String input) {
        String demangled = RustSymbols.demangle(input);
        boolean rust = RustSymbols.isRust(input);
        String crate = RustSymbols.crateOf(input);
        String genericName = RustSymbols.genericName(input);
        assertTrue(demangled.length() <= Math.max(input.length(), BoundedOutput.MAX_LENGTH), input);
        assertEquals(rust, genericName != null, input);
        assertTrue(crate == null || rust, input);
        assertTrue(genericName == null || genericName.length() <= BoundedOutput.MAX_LENGTH, input);
        assertTrue(crate == null || crate.length() <= input.length(), input);
        if (!rust) {
            assertEquals(input, demangled);
        }
    }

    /** The Rust names of the corpus and every 20th of the rustc driver. */
    static List<String> seedNames() {
        List<String> seeds = new ArrayList<>();
        for (Path binary : SymbolTables.corpusBinaries()) {
            for (String name : SymbolTables.names(binary)) {
                if (RustSymbols.isRust(name)) {
                    seeds.add(name);
                }
            }
        }
        List<String> driver = SymbolTables.names(SymbolTables.rustcDriver());
        for (int i = 0; i < driver.size(); i += 20) {
            if (RustSymbols.isRust(driver.get(i))) {
                seeds.add(driver.get(i));
            }
        }
        assertTrue(seeds.size() > 5000, "seed names: " + seeds.size());
        return seeds;
    }

    private static String base62(int value) {
        if (value == 0) {
            return "";
        }
        String digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        StringBuilder out = new StringBuilder();
        for (int v = value - 1; ; v /= 62) {
            out.insert(0, digits.charAt(v % 62));
            if (v < 62) {
                break;
            }
        }
        return out.toString();
    }
}
