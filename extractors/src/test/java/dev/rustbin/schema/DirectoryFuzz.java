package dev.rustbin.schema;

import dev.rustbin.format.BinaryCatalog;
import dev.rustbin.format.BinaryTarget;
import dev.rustbin.format.BinaryTargets;
import dev.rustbin.format.LoadedBinary;
import dev.rustbin.memory.SnapshotRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The mutation fuzzer's directory mode: directories of good files and mutated copies, each table
 * scanned over the whole directory must hold exactly what each file gives when it is the only
 * member (its rows, or for a file that cannot be read its binary_files error row and nothing else):
 * one bad file hides no good one and lends none of its rows. Test-only; {@link DirectoryFuzzSoak}
 * runs it for longer.
 */
final class DirectoryFuzz {

    /** Instruction tables are scanned over the first bytes of .text only: a whole .text per mutant would cost seconds. */
    private static final Map<String, ScanRequest.AddressRange> CODE = Map.of(
            "address", new ScanRequest.AddressRange(0x18bd0, 0x18bd0 + 0x400),
            "instruction_address", new ScanRequest.AddressRange(0x18bd0, 0x18bd0 + 0x400));

    /** What one run saw. */
    record Outcome(int files, int unreadable, long rows) {
        Outcome plus(Outcome other) {
            return new Outcome(files + other.files, unreadable + other.unreadable, rows + other.rows);
        }
    }

    private DirectoryFuzz() {
    }

    /**
     * {@code mutants} mutated copies of {@code original} (one to six random bytes in the ELF header,
     * program headers or section header table), {@code perDirectory} at a time next to the original.
     */
    static Outcome run(byte[] original, Path work, long seed, int mutants, int perDirectory) throws IOException {
        Random random = new Random(seed);
        int headerTable = (int) java.nio.ByteBuffer.wrap(original).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0x28);
        Outcome total = new Outcome(0, 0, 0);
        for (int done = 0, round = 0; done < mutants; done += perDirectory, round++) {
            Path dir = Files.createDirectories(work.resolve("round-" + round));
            Files.write(dir.resolve("good"), original);
            for (int m = 0; m < Math.min(perDirectory, mutants - done); m++) {
                byte[] bytes = original.clone();
                for (int k = 1 + random.nextInt(6); k > 0; k--) {
                    int at = random.nextInt(3) == 0 ? random.nextInt(0x40 + 12 * 56) : headerTable + random.nextInt(original.length - headerTable);
                    bytes[at] = (byte) random.nextInt(256);
                }
                Files.write(dir.resolve(String.format("mutant-%04d", m)), bytes);
            }
            total = total.plus(check(dir));
            try (var files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
        return total;
    }

    /** Compares every table over the directory with the same table over each member alone. */
    static Outcome check(Path dir) {
        List<BinaryTarget> members = BinaryTargets.resolve(List.of(dir));
        long rows = 0;
        int unreadable = 0;
        try (RootAllocator allocator = new RootAllocator(); BinaryCatalog together = new BinaryCatalog(members)) {
            List<BinaryCatalog> alone = members.stream().map(t -> new BinaryCatalog(List.of(t))).toList();
            try {
                for (TableSchema<?> table : Tables.ALL) {
                    List<String> expected = new ArrayList<>();
                    alone.forEach(catalog -> expected.addAll(rows(table, catalog, allocator)));
                    List<String> actual = rows(table, together, allocator);
                    if (!expected.equals(actual)) {
                        throw new AssertionError(table.name() + " over " + dir + " differs from its members alone: "
                                + difference(expected, actual));
                    }
                    rows += actual.size();
                }
                for (BinaryCatalog catalog : alone) {
                    unreadable += catalog.load().get(0).error() != null ? 1 : 0;
                }
            } finally {
                alone.forEach(BinaryCatalog::close);
            }
            if (allocator.getAllocatedMemory() != 0) {
                throw new AssertionError(allocator.getAllocatedMemory() + " Arrow bytes left after the scans of " + dir);
            }
        }
        return new Outcome(members.size(), unreadable, rows);
    }

    private static String difference(List<String> expected, List<String> actual) {
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(actual);
        List<String> extra = new ArrayList<>(actual);
        extra.removeAll(expected);
        return "missing " + missing.stream().limit(3).toList() + ", extra " + extra.stream().limit(3).toList()
                + " (" + expected.size() + " rows expected, " + actual.size() + " found)";
    }

    /** Every row of a full scan as text; the path and error columns are part of it. */
    private static List<String> rows(TableSchema<?> table, BinaryCatalog catalog, RootAllocator allocator) {
        int[] all = java.util.stream.IntStream.range(0, table.columns().size()).toArray();
        ScanRequest request = new ScanRequest(Set.copyOf(table.columns().stream().map(Column::name).toList()), Map.of(), CODE);
        List<String> rows = new ArrayList<>();
        List<LoadedBinary> binaries = catalog.targets().stream().map(t -> catalog.load(t, true)).toList();
        try (SnapshotRegistry snapshots = new SnapshotRegistry();
             RecordBatchStream<?> stream = new RecordBatchStream<>(table, all, request, binaries.iterator(), snapshots, allocator, () -> { })) {
            while (stream.next()) {
                VectorSchemaRoot root = stream.root();
                for (int r = 0; r < root.getRowCount(); r++) {
                    StringBuilder row = new StringBuilder();
                    for (FieldVector vector : root.getFieldVectors()) {
                        Object value = vector.getObject(r);
                        row.append(value instanceof byte[] bytes ? Arrays.hashCode(bytes) : String.valueOf(value)).append('\t');
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }
}
