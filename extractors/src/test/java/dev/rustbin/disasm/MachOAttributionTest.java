package dev.rustbin.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryOpener;
import dev.rustbin.schema.ScanRequest;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Tools;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A stripped Mach-O executable keeps its function starts (LC_FUNCTION_STARTS) but names almost none
 * of them: every __text instruction belongs to the start llvm-objdump lists before it, under the
 * symbol llvm-nm gives that address, else func_0x&lt;address&gt;.
 */
class MachOAttributionTest {

    @Test
    void strippedArm64InstructionsBelongToTheFunctionStartBeforeThem() {
        Path file = Corpus.foreign("biome-darwin-arm64");
        TreeSet<Long> starts = new TreeSet<>();
        for (String line : Tools.run(List.of("llvm-objdump", "--macho", "--function-starts", file.toString())).split("\n")) {
            if (line.matches("[0-9a-f]{16}")) {
                starts.add(Long.parseUnsignedLong(line, 16));
            }
        }
        Map<Long, String> names = new HashMap<>();
        for (String line : Tools.run(List.of("llvm-nm", "--defined-only", file.toString())).split("\n")) {
            String[] f = line.split(" ");
            if (f.length == 3 && "tT".contains(f[1])) {
                names.put(Long.parseUnsignedLong(f[0], 16), f[2]);
            }
        }
        long checked = 0;
        try (BinaryImage image = BinaryOpener.open(file);
             InstructionScan scan = new InstructionScan(image, new ScanRequest(Set.of("address", "symbol_name", "symbol_offset"),
                     Map.of("section_name", Set.of("__TEXT,__text")), Map.of()))) {
            while (scan.hasNext()) {
                InstructionRow row = scan.next();
                Long start = starts.floor(row.address());
                String expected = start == null ? null : names.getOrDefault(start, String.format("func_0x%x", start));
                String actual = row.function() == null ? null : row.function().name();
                if (!java.util.Objects.equals(expected, actual) || (start != null && row.function().address() != start)) {
                    assertEquals(expected + "+" + (start == null ? 0 : row.address() - start), actual + "+"
                            + (row.function() == null ? 0 : row.address() - row.function().address()), Long.toHexString(row.address()));
                }
                checked++;
            }
        }
        assertTrue(checked > 2_000_000, checked + " instructions");
        assertTrue(starts.size() > 17_000 && names.size() < 10, starts.size() + " function starts, " + names.size() + " named");
    }
}
