package dev.rustbin.spark;

import dev.rustbin.disasm.CodeSlice;
import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryOpener;
import dev.rustbin.format.BinaryTarget;
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
 * task.
 */
final class PartitionPlanner {

    /** The tables whose rows come from disassembly, and the column that holds the instruction's address. */
    private static final Map<String, String> CODE_TABLES = Map.of(
            InstructionsTable.TABLE.name(), "address",
            InstructionOperandsTable.TABLE.name(), "instruction_address");

    private PartitionPlanner() {
    }

    static List<BinaryPartition> plan(ScanOptions options, ScanRequest request, int parallelism) {
        record Sized(BinaryTarget target, long bytes) {
        }
        List<Sized> binaries = options.targets().stream().filter(request::mayRead)
                .map(t -> new Sized(t, sizeOf(t))).sorted(Comparator.comparingLong(Sized::bytes).reversed()).toList();
        long total = binaries.stream().mapToLong(Sized::bytes).sum();
        long budget = Math.max(1, Math.min(options.partitionBytes(), (total + parallelism - 1) / Math.max(1, parallelism)));
        String addressColumn = CODE_TABLES.get(options.table().name());

        List<BinaryPartition> partitions = new ArrayList<>();
        List<BinaryTarget> group = new ArrayList<>();
        long groupBytes = 0;
        for (Sized binary : binaries) {
            List<CodeSlice> slices = addressColumn != null && binary.bytes() > options.codeSliceBytes()
                    ? slicesOf(binary.target(), options.codeSliceBytes()) : List.of();
            if (slices.size() > 1) {
                for (CodeSlice slice : slices) {
                    ScanRequest within = request.and("section_name", slice.sections()).and(addressColumn, slice.addresses());
                    partitions.add(BinaryPartition.of(List.of(binary.target()), within));
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

    /** The binary's code slices; none when it cannot be opened here (the task reading it says why). */
    private static List<CodeSlice> slicesOf(BinaryTarget target, long bytes) {
        try (BinaryImage image = BinaryOpener.open(target.path(), target.slice())) {
            return CodeSlice.of(image, bytes);
        } catch (BinaryFormatException e) {
            return List.of();
        }
    }
}
