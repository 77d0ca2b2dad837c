package dev.rustbin.memory.reach;

import java.util.Optional;
import java.util.Set;

/**
 * Which sources of references a query can see: the root kinds (empty: all), whether words in
 * chunks are wanted, and an unsigned range of the start addresses of the chunks holding them.
 */
public record ReferenceFilter(Optional<Set<RootKind>> rootKinds, boolean fromChunks, long lowestFromStart, long highestFromStart) {

    public static final ReferenceFilter ALL = new ReferenceFilter(Optional.empty(), true, 0, -1L);

    boolean wants(RootKind kind) {
        return rootKinds.map(k -> k.contains(kind)).orElse(true);
    }

    boolean wantsChunk(long start) {
        return fromChunks && Long.compareUnsigned(start, lowestFromStart) >= 0 && Long.compareUnsigned(start, highestFromStart) <= 0;
    }
}
