package dev.rustbin.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryOpener;
import dev.rustbin.schema.ScanRequest;
import dev.rustbin.testing.Corpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Scanning a binary's code slice by slice gives every instruction of a whole scan once, decoded the same way. */
class CodeSliceTest {

    @Test
    void slicesTogetherHoldEveryInstructionOnce() {
        try (BinaryImage image = BinaryOpener.open(Corpus.fixture("asmgap-stripped"))) {
            ScanRequest all = new ScanRequest(Set.of("address", "size", "mnemonic", "operands", "section_name"), Map.of(),
                    Map.of());
            List<String> whole = rows(image, all);
            List<CodeSlice> slices = CodeSlice.of(image, 16 << 10);
            assertTrue(slices.size() > 8, "slices: " + slices.size());
            // .init, .fini and .plt (after .text here) are a few bytes each: they go with their neighbour, not a slice each
            CodeSlice last = slices.get(slices.size() - 1);
            assertTrue(last.sections().containsAll(Set.of(".text", ".init", ".fini", ".plt")), last.toString());

            List<String> sliced = new ArrayList<>();
            for (CodeSlice slice : slices) {
                List<String> part = rows(image, all.and("section_name", slice.sections()).and("address", slice.addresses()));
                // nothing outside the slice: a slice is decoded from its own first address
                part.forEach(row -> assertTrue(slice.addresses().contains(Long.parseUnsignedLong(row.split(" ")[0], 16)), row));
                sliced.addAll(part);
            }
            assertEquals(whole.size(), sliced.size());
            assertEquals(whole, sliced);
        }
    }

    private static List<String> rows(BinaryImage image, ScanRequest request) {
        List<String> rows = new ArrayList<>();
        try (InstructionScan scan = new InstructionScan(image, request)) {
            scan.forEachRemaining(r -> rows.add(Long.toHexString(r.address()) + " " + r.section() + " " + r.size() + " " + r.mnemonic()
                    + " " + r.operandText()));
        }
        return rows;
    }
}
