package dev.rustbin.rust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link RustSymbols#isRust}, {@link RustSymbols#crateOf} and {@link RustSymbols#genericName} on
 * the names of the test-corpus demo binary (test-corpus/rust/demo, test-corpus/rust/shapes; its
 * own crates use the legacy mangling, the precompiled std it links uses v0) and of the rustc
 * driver library.
 */
class RustSymbolsTest {
    private static final Pattern CRATE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** A v0 crate disambiguator as c++filt prints it after the crate name: {@code std[e28293b1aa0f68bd]}. */
    private static final Pattern DISAMBIGUATOR = Pattern.compile("[A-Za-z0-9_]\\[[0-9a-f]+]");
    private static final Pattern CRATE_PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*::.*");

    /** All names of the two demo builds with symbols: one generic can be inlined away in one of them. */
    private static List<String> demoNames() {
        List<String> names = new ArrayList<>(SymbolTables.names(SymbolTables.corpusBinary("demo-debug")));
        names.addAll(SymbolTables.names(SymbolTables.corpusBinary("demo-release")));
        return names;
    }

    /** The distinct demo names that demangle to exactly {@code demangled}; at least one must exist. */
    private static Set<String> demoSymbols(String demangled) {
        Set<String> symbols = new HashSet<>();
        for (String name : demoNames()) {
            if (demangled.equals(RustSymbols.demangle(name)) && !name.equals(demangled)) {
                symbols.add(name);
            }
        }
        assertFalse(symbols.isEmpty(), "no demo symbol demangles to " + demangled);
        return symbols;
    }

    private static void assertCrateAndGenericName(String demangled, String crate, String genericName) {
        for (String symbol : demoSymbols(demangled)) {
            assertTrue(RustSymbols.isRust(symbol), symbol);
            assertEquals(crate, RustSymbols.crateOf(symbol), symbol);
            assertEquals(genericName, RustSymbols.genericName(symbol), symbol);
        }
    }

    @Test
    void describeAllInstantiationsShareOneGenericName() {
        Set<String> instances = new HashSet<>();
        for (String name : SymbolTables.names(SymbolTables.corpusBinary("demo-debug"))) {
            if ("demo::describe_all".equals(RustSymbols.demangle(name)) && !name.equals("demo::describe_all")) {
                instances.add(name);
            }
        }
        assertEquals(3, instances.size(), "u8, u32 and String instances: " + instances);
        for (String symbol : instances) {
            assertTrue(RustSymbols.isRust(symbol));
            assertEquals("demo", RustSymbols.crateOf(symbol));
            assertEquals("demo::describe_all", RustSymbols.genericName(symbol));
        }
    }

    @Test
    void traitImplBelongsToItsSelfTypesCrate() {
        assertCrateAndGenericName("<shapes::Rect as shapes::Area>::area",
                "shapes", "<shapes::Rect as shapes::Area>::area");
        assertCrateAndGenericName("<shapes::Circle as shapes::Area>::area",
                "shapes", "<shapes::Circle as shapes::Area>::area");
        assertCrateAndGenericName("<alloc::vec::Vec<T,A> as core::ops::drop::Drop>::drop",
                "alloc", "<alloc::vec::Vec as core::ops::drop::Drop>::drop");
    }

    @Test
    void traitImplOnAnUnnamedTypeBelongsToTheTraitsCrate() {
        assertCrateAndGenericName("<&T as core::fmt::Debug>::fmt",
                "core", "<&T as core::fmt::Debug>::fmt");
        assertCrateAndGenericName("<() as std::process::Termination>::report",
                "std", "<() as std::process::Termination>::report");
    }

    @Test
    void nestedQualifiedPathsResolveRecursively() {
        assertCrateAndGenericName(
                "<<alloc::vec::into_iter::IntoIter<T,A> as core::ops::drop::Drop>::drop::DropGuard<T,A>"
                        + " as core::ops::drop::Drop>::drop",
                "alloc",
                "<<alloc::vec::into_iter::IntoIter as core::ops::drop::Drop>::drop::DropGuard"
                        + " as core::ops::drop::Drop>::drop");
    }

    @Test
    void closuresAndLegacyGenericShimsKeepTheirCrate() {
        assertCrateAndGenericName("shapes::total_area::{{closure}}",
                "shapes", "shapes::total_area::{{closure}}");
        assertCrateAndGenericName("core::ptr::drop_in_place<std::thread::lifecycle::spawn_unchecked"
                        + "<demo::spawn_worker::{{closure}},u64>::{{closure}}>",
                "core", "core::ptr::drop_in_place");
    }

    @Test
    void stdCoreAndAllocAreSeparateCrates() {
        Set<String> crates = new HashSet<>();
        for (String name : demoNames()) {
            String demangled = RustSymbols.demangle(name);
            for (String crate : List.of("std", "core", "alloc")) {
                if (demangled.startsWith(crate + "::") || demangled.startsWith(crate + "[")) {
                    assertEquals(crate, RustSymbols.crateOf(name), name);
                    crates.add(crate);
                }
            }
        }
        assertEquals(Set.of("std", "core", "alloc"), crates);
    }

    @Test
    void v0InstantiationsShareOneGenericName() {
        Set<String> dropInPlace = new HashSet<>();
        for (String name : SymbolTables.names(SymbolTables.corpusBinary("demo-debug"))) {
            if (name.startsWith("_R") && RustSymbols.demangle(name).startsWith("core[")
                    && RustSymbols.demangle(name).contains("]::ptr::drop_in_place::<")) {
                dropInPlace.add(name);
            }
        }
        assertTrue(dropInPlace.size() > 5, "std's drop glue in demo: " + dropInPlace);
        for (String symbol : dropInPlace) {
            assertEquals("core::ptr::drop_in_place", RustSymbols.genericName(symbol), symbol);
            assertEquals("core", RustSymbols.crateOf(symbol), symbol);
        }
    }

    @Test
    void inherentImplOnAPrimitiveBelongsToTheCrateOfTheImplBlock() {
        int seen = 0;
        for (String name : SymbolTables.names(SymbolTables.corpusBinary("demo-debug"))) {
            String demangled = RustSymbols.demangle(name);
            if (name.startsWith("_R") && (demangled.startsWith("<str>::") || demangled.startsWith("<[u8]>::"))) {
                assertTrue(Set.of("core", "alloc").contains(RustSymbols.crateOf(name)), name);
                seen++;
            }
        }
        assertTrue(seen > 0, "no <str> or <[u8]> inherent methods in demo-debug");
    }

    @Test
    void plainAndCppNamesAreNotRust() {
        for (String name : List.of("demo_known_function", "DEMO_MAGIC", "DEMO_GREETING", "main",
                "_ZNKSt12__basic_fileIcE7is_openEv", "_ZN4demo12describe_all17h0000011111222223E", "_R", "_Rfoo", "")) {
            assertFalse(RustSymbols.isRust(name), name);
            assertEquals(name, RustSymbols.demangle(name));
            assertNull(RustSymbols.crateOf(name), name);
            assertNull(RustSymbols.genericName(name), name);
        }
        assertTrue(demoNames().contains("demo_known_function"));
    }

    /** Non-ASCII identifiers are Punycode in v0; the corpus has none, so two pinned as c++filt prints them. */
    @Test
    void punycodeIdentifiers() {
        assertEquals("a[0]::gödel", RustSymbols.demangle("_RNvC1au8gdel_5qa"));
        assertEquals("a[0]::münchen", RustSymbols.demangle("_RNvC1au10mnchen_3ya"));
        assertEquals("a::münchen", RustSymbols.genericName("_RNvC1au10mnchen_3ya"));
    }

    @Test
    void nullIsNotRust() {
        assertNull(RustSymbols.demangle(null));
        assertFalse(RustSymbols.isRust(null));
        assertNull(RustSymbols.crateOf(null));
        assertNull(RustSymbols.genericName(null));
    }

    @Test
    void suffixesAndMachOSpellingDoNotChangeTheResult() {
        String symbol = demoSymbols("<shapes::Rect as shapes::Area>::area").iterator().next();
        for (String variant : List.of(symbol + ".llvm.1234567890", "_" + symbol)) {
            assertTrue(RustSymbols.isRust(variant), variant);
            assertEquals("<shapes::Rect as shapes::Area>::area", RustSymbols.demangle(variant));
            assertEquals("shapes", RustSymbols.crateOf(variant));
            assertEquals("<shapes::Rect as shapes::Area>::area", RustSymbols.genericName(variant));
        }
        String v0 = "_RNvNtCs1234_4core3ptr13drop_in_place";
        assertEquals(RustSymbols.demangle(v0), RustSymbols.demangle("_" + v0));
        assertEquals("core", RustSymbols.crateOf("_" + v0 + ".llvm.42"));
        assertTrue(demoNames().stream().anyMatch(n -> n.contains(".llvm.") && RustSymbols.isRust(n)),
                "the demo binaries hold .llvm. suffixed Rust names");
    }

    @Test
    void everyRustSymbolOfTheRustcDriverHasACrateAndAGenericName() {
        int rust = 0;
        Set<String> dropInPlace = new HashSet<>();
        for (String name : SymbolTables.names(SymbolTables.rustcDriver())) {
            if (!RustSymbols.isRust(name)) {
                assertNull(RustSymbols.crateOf(name), name);
                continue;
            }
            rust++;
            String crate = RustSymbols.crateOf(name);
            assertNotNull(crate, name);
            assertTrue(CRATE_NAME.matcher(crate).matches(), name + " -> " + crate);
            String genericName = RustSymbols.genericName(name);
            assertNotNull(genericName, name);
            assertFalse(genericName.contains("::<"), name + " -> " + genericName);
            assertFalse(DISAMBIGUATOR.matcher(genericName).find(), name + " -> " + genericName);
            if (genericName.equals("core::ptr::drop_in_place")) {
                dropInPlace.add(name);
            }
        }
        assertTrue(rust > 100_000, "Rust names in the driver: " + rust);
        assertTrue(dropInPlace.size() > 1000, "drop_in_place instances grouped: " + dropInPlace.size());
    }

    /**
     * v0 names encode more than legacy ones, but get the crate the text rule of legacy names gives
     * (which {@link LegacyCrateFinder} implements) for the same path. The exception: paths through
     * inherent impls on unnamed types ({@code <[T]>::sort}), which only v0 can attribute (to the
     * impl block's crate); legacy names spell those {@code alloc::slice::<impl [T]>::sort}.
     */
    @Test
    void v0CratesAgreeWithTheLegacyTextRule() {
        int compared = 0;
        int inherentOnUnnamed = 0;
        for (String name : SymbolTables.names(SymbolTables.rustcDriver())) {
            if (!name.startsWith("_R") || !RustSymbols.isRust(name)) {
                continue;
            }
            String genericName = RustSymbols.genericName(name);
            if (hasInherentImplOnUnnamedType(genericName)) {
                inherentOnUnnamed++;
                continue;
            }
            assertEquals(LegacyCrateFinder.crateOf(genericName), RustSymbols.crateOf(name), name + " = " + genericName);
            compared++;
        }
        assertTrue(compared > 100_000, "compared " + compared);
        assertTrue(inherentOnUnnamed < compared / 100, "inherent impls on unnamed types: " + inherentOnUnnamed);
        assertNotEquals(0, inherentOnUnnamed);
    }

    /** Whether some qualified opening is {@code <T>} (no {@code as}) with T not a crate path. */
    private static boolean hasInherentImplOnUnnamedType(String path) {
        for (int open = path.indexOf('<'); open >= 0; open = path.indexOf('<', open + 1)) {
            if (path.startsWith("for", open - 3)) {
                continue; // a for<'a> binder
            }
            int depth = 0;
            boolean trait = false;
            int close = open;
            for (; close < path.length(); close++) {
                char c = path.charAt(close);
                trait |= depth == 1 && path.startsWith(" as ", close);
                if (c == '<') {
                    depth++;
                } else if (c == '>' && path.charAt(close - 1) != '-' && --depth == 0) {
                    break;
                }
            }
            if (!trait && !CRATE_PATH.matcher(path.substring(open + 1, close)).matches()) {
                return true;
            }
        }
        return false;
    }
}
