package dev.rustbin.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryOpener;
import dev.rustbin.schema.ScanRequest;
import dev.rustbin.testing.Corpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Instructions Capstone 4 cannot decode (glibc's AVX-512 string functions and rdpkru/wrpkru, the
 * VAES and VPCLMULQDQ code of Rust's crypto crates) are stepped over whole and named as objdump
 * names them.
 */
class MissingInstructionsTest {

    /** An instruction Capstone 4 cannot decode, as our table names it. */
    record Row(long address, int size, String mnemonic) {}

    private static List<Row> stepped(Path file) {
        List<Row> rows = new ArrayList<>();
        try (BinaryImage image = BinaryOpener.open(file);
             InstructionScan scan = new InstructionScan(image, new ScanRequest(Set.of("address", "size", "mnemonic"), Map.of(), Map.of()))) {
            while (scan.hasNext()) {
                InstructionRow r = scan.next();
                if (InstructionFlags.isUnknown(r.flags())) {
                    rows.add(new Row(r.address(), r.size(), r.mnemonic()));
                }
            }
        }
        return rows;
    }

    /** objdump's instructions of a range as address to {size, mnemonic}, sizes from the next line's address. */
    private static TreeMap<Long, Row> objdump(Path file, long start, long stop) throws Exception {
        TreeMap<Long, Row> rows = new TreeMap<>();
        long[] previous = {-1};
        String[] mnemonic = {null};
        Objdump.LineSink sink = (address, text) -> {
            if (previous[0] >= 0) {
                rows.put(previous[0], new Row(previous[0], (int) (address - previous[0]), mnemonic[0]));
            }
            String[] tokens = text.trim().split("\\s+");
            previous[0] = address;
            mnemonic[0] = tokens[0].equals("{vex}") ? tokens[1] : tokens[0];
        };
        Objdump.disassemble(file, ".text", start, stop, sink);
        sink.line(stop, "(end)");
        return rows;
    }

    @Test
    void glibcsAvx512AndPkuInstructionsAreNamedAsObjdumpNamesThem() throws Exception {
        Path libc = Path.of("/lib/x86_64-linux-gnu/libc.so.6");
        List<Row> stepped = stepped(libc);
        assertTrue(stepped.size() > 1000, stepped.size() + " instructions Capstone 4 cannot decode");
        assertEquals(List.of(), stepped.stream().filter(r -> r.mnemonic().equals("(unknown)")).limit(10).toList());
        assertTrue(stepped.stream().anyMatch(r -> r.mnemonic().equals("rdpkru")) && stepped.stream().anyMatch(r -> r.mnemonic().equals("wrpkru")));
        TreeMap<Long, Row> objdump = objdump(libc, stepped.get(0).address(), stepped.get(stepped.size() - 1).address() + 16);
        List<String> differences = new ArrayList<>();
        for (Row row : stepped) {
            if (!row.equals(objdump.get(row.address())) && differences.size() < 10) {
                differences.add(row + " objdump " + objdump.get(row.address()));
            }
        }
        assertEquals(List.of(), differences);
    }

    /** On cargo, a sample of its 62 k such instructions (objdump over all of cargo takes too long). */
    @Test
    void cargosVaesAndAvx512InstructionsAreNamedAsObjdumpNamesThem() throws Exception {
        Path cargo = Corpus.cargo();
        List<Row> stepped = new ArrayList<>(stepped(cargo));
        assertTrue(stepped.size() > 10_000, stepped.size() + " instructions Capstone 4 cannot decode");
        assertEquals(List.of(), stepped.stream().filter(r -> r.mnemonic().equals("(unknown)")).limit(10).toList());
        Collections.shuffle(stepped, new Random(20261201L));
        for (Row row : stepped.subList(0, 50)) {
            assertEquals(row, objdump(cargo, row.address(), row.address() + row.size()).get(row.address()));
        }
    }
}
