package dev.rustbin.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.disasm.InstructionRow;
import dev.rustbin.format.BinaryCatalog;
import dev.rustbin.format.LoadedBinary;
import dev.rustbin.schema.Column;
import dev.rustbin.schema.InstructionsTable;
import dev.rustbin.schema.ScanRequest;
import dev.rustbin.schema.ScanRequest.AddressRange;
import dev.rustbin.schema.TableSchema;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a cache key depends on: the table's definition and the file's version, build id included. */
class CacheKeyTest {

    private static LoadedBinary load(BinaryCatalog catalog) {
        return catalog.load().get(0);
    }

    @Test
    void aChangedColumnTypeOrAnotherFileGivesAnotherKey() {
        Path binary = Corpus.fixture("demo-release");
        try (BinaryCatalog catalog = BinaryCatalog.of(List.of(binary));
             BinaryCatalog other = BinaryCatalog.of(List.of(Corpus.fixture("asmgap")))) {
            LoadedBinary loaded = load(catalog);
            CacheKey key = CacheKey.of(InstructionsTable.TABLE, loaded);
            assertEquals(key, CacheKey.of(InstructionsTable.TABLE, load(catalog)), "the same table of the same file");
            String buildId = Tools.run(List.of("readelf", "-n", binary.toString())).lines().filter(l -> l.contains("Build ID:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElseThrow();
            assertTrue(key.text().contains("build_id " + buildId), key.text());
            assertTrue(key.stem().startsWith("instructions-"), key.stem());

            List<Column<InstructionRow>> columns = new ArrayList<>(InstructionsTable.TABLE.columns());
            columns.set(InstructionsTable.TABLE.columnIndex("size"),
                    Column.int64("size", "length in bytes", (b, r) -> (long) r.size(), false));
            TableSchema<InstructionRow> widened = TableSchema.streamed("instructions", InstructionsTable.TABLE.description(),
                    (b, request) -> Collections.emptyIterator(), columns);
            assertNotEquals(key.stem(), CacheKey.of(widened, loaded).stem(), "a column's type is part of the key");
            assertNotEquals(key.stem(), CacheKey.of(InstructionsTable.TABLE, load(other)).stem(), "another file");

            ScanRequest slice = ScanRequest.UNRESTRICTED.and("address", new AddressRange(0x1000, 0x1fff)).and("section_name", Set.of(".text", ".init"));
            CacheKey part = CacheKey.of(InstructionsTable.TABLE, loaded, slice);
            assertNotEquals(key.stem(), part.stem(), "a part of the rows is not the whole");
            assertTrue(part.text().endsWith("\npart section_name in [.init, .text]; address from 1000 to 1fff"), part.text());
            ScanRequest sameSlice = ScanRequest.UNRESTRICTED.and("section_name", Set.of(".init", ".text")).and("address", new AddressRange(0x1000, 0x1fff));
            assertEquals(part, CacheKey.of(InstructionsTable.TABLE, loaded, sameSlice), "the same part, given in another order");
            assertNotEquals(part.stem(), CacheKey.of(InstructionsTable.TABLE, loaded,
                    slice.and("address", new AddressRange(0x1000, 0x17ff))).stem(), "another part");
        }
    }
}
