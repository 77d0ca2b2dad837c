package dev.rustbin.disasm;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Register or group names by Capstone id, asked of the library once per id: detail mode names
 * several registers per instruction, and each JNA call returning a String costs a native round trip.
 */
final class NameCache {

    private final IntFunction<String> lookup;
    private String[] names = new String[256];

    NameCache(IntFunction<String> lookup) {
        this.lookup = lookup;
    }

    /** The name of {@code id}, or null for id 0, which Capstone uses for "none". */
    String name(int id) {
        if (id == 0) {
            return null;
        }
        if (id >= names.length) {
            names = Arrays.copyOf(names, Math.max(id + 1, names.length * 2));
        }
        String name = names[id];
        if (name == null) {
            name = lookup.apply(id);
            names[id] = name;
        }
        return name;
    }
}
