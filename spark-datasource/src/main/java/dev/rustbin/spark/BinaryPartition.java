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
 * One task's work: some binaries, read with the query's scan request, each whole or (for a slice of
 * a large binary's code) the part that the slice's section and address range mark out; the table
 * cache keeps such a part as an entry of its own. Paths must be readable at the same place on every
 * executor.
 */
record BinaryPartition(List<Target> targets, Set<String> columns, Predicates query, Predicates part) implements InputPartition {

    /** A {@link BinaryTarget} as it travels to an executor. */
    record Target(String path, String slice, boolean fromDirectory) implements Serializable {

        static Target of(BinaryTarget target) {
            return new Target(target.path().toString(), target.slice(), target.fromDirectory());
        }

        BinaryTarget toTarget() {
            return new BinaryTarget(Path.of(path), slice, fromDirectory);
        }
    }

    /** A {@link ScanRequest}'s predicates as they travel to an executor (ranges as pairs of longs). */
    record Predicates(Map<String, Set<String>> values, Map<String, long[]> ranges) implements Serializable {

        static Predicates of(ScanRequest request) {
            return new Predicates(Map.copyOf(request.allowedValues()), request.ranges().entrySet().stream()
                    .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> new long[] {e.getValue().lowest(), e.getValue().highest()})));
        }

        ScanRequest toRequest(Set<String> columns) {
            return new ScanRequest(columns, values, ranges.entrySet().stream()
                    .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> new AddressRange(e.getValue()[0], e.getValue()[1]))));
        }
    }

    /** Binaries read whole, with {@code request}. */
    static BinaryPartition of(List<BinaryTarget> targets, ScanRequest request) {
        return of(targets, request, ScanRequest.UNRESTRICTED);
    }

    /** The {@code part} of each binary, read with {@code request}. */
    static BinaryPartition of(List<BinaryTarget> targets, ScanRequest request, ScanRequest part) {
        return new BinaryPartition(targets.stream().map(Target::of).toList(), Set.copyOf(request.columns()), Predicates.of(request),
                Predicates.of(part));
    }

    List<BinaryTarget> binaryTargets() {
        return targets.stream().map(Target::toTarget).toList();
    }

    ScanRequest request() {
        return query.toRequest(columns);
    }

    ScanRequest partRequest() {
        return part.toRequest(Set.of());
    }
}
