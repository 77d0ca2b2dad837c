package dev.rustbin.spark;

import dev.rustbin.format.BinaryTarget;
import dev.rustbin.schema.ScanRequest;
import dev.rustbin.schema.ScanRequest.AddressRange;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One task's work: some binaries, read with one scan request (for a slice of a large binary's
 * code, the request names the slice's section and address range). Paths must be readable at the
 * same place on every executor.
 */
record BinaryPartition(List<Target> targets, Set<String> columns, Map<String, Set<String>> values, Map<String, long[]> ranges)
        implements InputPartition {

    /** A {@link BinaryTarget} as it travels to an executor. */
    record Target(String path, String slice, boolean fromDirectory) implements Serializable {

        static Target of(BinaryTarget target) {
            return new Target(target.path().toString(), target.slice(), target.fromDirectory());
        }

        BinaryTarget toTarget() {
            return new BinaryTarget(Path.of(path), slice, fromDirectory);
        }
    }

    static BinaryPartition of(List<BinaryTarget> targets, ScanRequest request) {
        Map<String, long[]> ranges = request.ranges().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> new long[] {e.getValue().lowest(), e.getValue().highest()}));
        return new BinaryPartition(targets.stream().map(Target::of).toList(), Set.copyOf(request.columns()),
                Map.copyOf(request.allowedValues()), ranges);
    }

    List<BinaryTarget> binaryTargets() {
        return targets.stream().map(Target::toTarget).toList();
    }

    ScanRequest request() {
        Map<String, AddressRange> addressRanges = ranges.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> new AddressRange(e.getValue()[0], e.getValue()[1])));
        return new ScanRequest(columns, values, addressRanges);
    }
}
