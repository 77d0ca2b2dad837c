package dev.rustbin.spark;

import dev.rustbin.cache.CacheKey;
import dev.rustbin.cache.TableCache;
import dev.rustbin.disasm.CodeSlice;
import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryOpener;
import dev.rustbin.format.BinaryTarget;
import dev.rustbin.format.LoadedBinary;
import dev.rustbin.schema.InstructionOperandsTable;
import dev.rustbin.schema.InstructionsTable;
import dev.rustbin.schema.ScanRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Cuts a read into tasks. Binaries, largest first, are grouped up to a byte budget (the smaller of
 * {@code partitionBytes} and an even share of all bytes per core, so a few binaries still use
 * every core). For the instruction tables a binary with more than {@code codeSliceBytes} of file
 * is opened here (its section headers; its symbols only when its code is larger too) and its code
 * cut into {@link CodeSlice}s, one task each, so one 150 MB library does not become one straggler
 * task. A binary whose whole rows the table cache holds (for the scan's columns) is not cut: reading
 * its entry back is faster than disassembling its slices. The planner looks in the cache the read's
 * options name, as the executors will when it is a shared directory.
 */
final class PartitionPlanner {

    /** The tables whose rows come from disassembly, and the column that holds the instruction's address. */
    private static final Map<String, String> CODE_TABLES = Map.of(
            InstructionsTable.TABLE.name(), "address",
            InstructionOperandsTable.TABLE.name(), "instruction_address");

    private PartitionPlanner() {
    }

    static List<BinaryPartition> plan(ScanOptions options, int[] projection, ScanRequest request, int parallelism) {
        record Sized(BinaryTarget target, long bytes) {
        }
        List<Sized> binaries = options.targets().stream().filter(request::mayRead)
                .map(t -> new Sized(t, sizeOf(t))).sorted(Comparator.comparingLong(Sized::bytes).reversed()).toList();
        long total = binaries.stream().mapToLong(Sized::bytes).sum();
        long budget = Math.max(1, Math.min(options.partitionBytes(), (total + parallelism - 1) / Math.max(1, parallelism)));
        String addressColumn = CODE_TABLES.get(options.table().name());
        TableCache cache = TableCache.serves(options.table()) && !options.table().prunedBy(request) ? options.cache().open() : null;

        List<BinaryPartition> partitions = new ArrayList<>();
        List<BinaryTarget> group = new ArrayList<>();
        long groupBytes = 0;
        for (Sized binary : binaries) {
            List<CodeSlice> slices = addressColumn != null && binary.bytes() > options.codeSliceBytes()
                    ? slicesOf(binary.target(), options, projection, cache) : List.of();
            if (slices.size() > 1) {
                for (CodeSlice slice : slices) {
                    ScanRequest part = ScanRequest.UNRESTRICTED.and("section_name", slice.sections()).and(addressColumn, slice.addresses());
                    partitions.add(BinaryPartition.of(List.of(binary.target()), request, part));
                }
                continue;
            }
            if (!group.isEmpty() && groupBytes + binary.bytes() > budget) {
                partitions.add(BinaryPartition.of(group, request));
                group = new ArrayList<>();
                groupBytes = 0;
            }
            group.add(binary.target());
            groupBytes += binary.bytes();
        }
        if (!group.isEmpty()) {
            partitions.add(BinaryPartition.of(group, request));
        }
        return partitions;
    }

    private static long sizeOf(BinaryTarget target) {
        try {
            return Files.size(target.path());
        } catch (IOException e) {
            return 0; // the task that opens it reports why it cannot be read
        }
    }

    /**
     * The binary's code slices; none when it cannot be opened here (the task reading it says why) or
     * when {@code cache} (null: none) holds its whole rows.
     */
    private static List<CodeSlice> slicesOf(BinaryTarget target, ScanOptions options, int[] projection, TableCache cache) {
        try (BinaryImage image = BinaryOpener.open(target.path(), target.slice())) {
            if (cache != null && cache.has(CacheKey.of(options.table(), new LoadedBinary(target, image, null)), TableCache.columnsOf(projection))) {
                return List.of();
            }
            return CodeSlice.of(image, options.codeSliceBytes());
        } catch (BinaryFormatException e) {
            return List.of();
        }
    }
}
