package dev.rustbin.format.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryOpener;
import dev.rustbin.format.Import;
import dev.rustbin.format.LinkedLibrary;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ELF libraries, imports and exports compared with readelf -d and nm -D on every corpus binary. */
class ElfLinkingTest {

    static Stream<Path> binaries() {
        return Corpus.allBinaries().stream();
    }

    private static final Pattern NEEDED = Pattern.compile("^\\s*0x[0-9a-f]+ \\(NEEDED\\)\\s+Shared library: \\[(.*)]$");
    private static final Pattern NM_UNDEFINED = Pattern.compile("^\\s+([Uw]) ([^@\\s]+)(?:@(\\S+))?$");
    private static final Pattern NM_DEFINED = Pattern.compile("^([0-9a-f]+) ([A-Za-z]) ([^@\\s]+)(?:@@?\\S+)?$");

    private static List<Matcher> lines(List<String> command, Pattern pattern) {
        List<Matcher> out = new ArrayList<>();
        for (String line : Tools.run(command).split("\n")) {
            Matcher m = pattern.matcher(line);
            if (m.matches()) {
                out.add(m);
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("binaries")
    void librariesAreTheNeededEntries(Path file) {
        List<String> expected = lines(List.of("readelf", "-dW", file.toString()), NEEDED).stream().map(m -> m.group(1)).toList();
        try (BinaryImage image = BinaryOpener.open(file)) {
            assertEquals(expected, image.libraries().stream().map(LinkedLibrary::name).toList());
            assertTrue(expected.contains("libc.so.6"));
        }
    }

    /** nm -D lists undefined dynamic symbols with their version; the version's library must be a needed one. */
    @ParameterizedTest
    @MethodSource("binaries")
    void importsMatchNm(Path file) {
        List<String> expected = lines(List.of("nm", "-D", "--undefined-only", "--no-sort", file.toString()), NM_UNDEFINED).stream()
                .map(m -> m.group(2) + " " + m.group(3) + " " + m.group(1).equals("w")).toList();
        try (BinaryImage image = BinaryOpener.open(file)) {
            List<Import> imports = image.imports();
            assertEquals(expected, imports.stream().map(i -> i.name() + " " + i.version() + " " + i.weak()).toList());
            List<String> libraries = image.libraries().stream().map(LinkedLibrary::name).toList();
            for (Import i : imports) {
                assertEquals(i.version() != null, i.library() != null, i.name());
                assertTrue(i.library() == null || libraries.contains(i.library()), i.name() + " from " + i.library());
            }
            assertTrue(imports.stream().anyMatch(i -> "libc.so.6".equals(i.library())));
        }
    }

    @ParameterizedTest
    @MethodSource("binaries")
    void exportsAreTheDefinedGlobalDynamicSymbols(Path file) {
        List<String> expected = lines(List.of("nm", "-D", "--defined-only", "--no-sort", file.toString()), NM_DEFINED).stream()
                .filter(m -> Character.isUpperCase(m.group(2).charAt(0)) || m.group(2).equals("w") || m.group(2).equals("v"))
                .map(m -> m.group(3) + " " + Long.parseUnsignedLong(m.group(1), 16)).toList();
        try (BinaryImage image = BinaryOpener.open(file)) {
            assertEquals(expected, image.exports().stream().map(e -> e.name() + " " + e.address()).toList());
        }
    }
}
