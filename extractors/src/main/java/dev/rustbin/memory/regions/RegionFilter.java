package dev.rustbin.memory.regions;

import java.util.Optional;
import java.util.Set;

/**
 * What a query lets the region sources skip: allowed kinds and types, and an unsigned range of
 * start addresses. Rows outside it may still be produced (the engine filters again), rows inside never dropped.
 */
public record RegionFilter(Optional<Set<String>> kinds, Optional<Set<String>> types, long lowestStart, long highestStart) {

    public static final RegionFilter ALL = new RegionFilter(Optional.empty(), Optional.empty(), 0, -1L);

    public boolean wantsKind(RegionKind kind) {
        return kinds.map(k -> k.contains(kind.label())).orElse(true);
    }

    /** True when a source whose rows all have one of {@code possibleTypes} may have rows the query wants. */
    public boolean wantsAnyType(Set<String> possibleTypes) {
        return types.map(t -> t.stream().anyMatch(possibleTypes::contains)).orElse(true);
    }

    public boolean wantsType(String type) {
        return types.map(t -> t.contains(type)).orElse(true);
    }

    public boolean wantsStart(long start) {
        return Long.compareUnsigned(start, lowestStart) >= 0 && Long.compareUnsigned(start, highestStart) <= 0;
    }

    public boolean wants(MemoryRegion region) {
        return wantsType(region.type()) && wantsStart(region.start());
    }
}
