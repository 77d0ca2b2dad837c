package dev.rustbin.calcite.columnar;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.ByteFunctionHelpers;
import org.apache.arrow.memory.util.hash.SimpleHasher;
import org.apache.arrow.vector.VarCharVector;

/**
 * The groups of a GROUP BY on one text column, found by the key's bytes where the vector holds
 * them: a row costs a hash and a compare of its bytes, not a Java string (the instruction histogram
 * reads millions of keys over a few hundred mnemonics). A new key is decoded once and its group put
 * into {@code groups} as well, so results keep the order and form of every other group.
 */
final class TextKeyGroups<G> {

    private final Map<Object, G> groups;
    private final Supplier<G> newGroup;
    private byte[][] keys = new byte[64][];
    private int[] hashes = new int[64];
    private Object[] values = new Object[64];
    private int size;

    TextKeyGroups(Map<Object, G> groups, Supplier<G> newGroup) {
        this.groups = groups;
        this.newGroup = newGroup;
    }

    /** The group of a non-null row's key. */
    @SuppressWarnings("unchecked")
    G of(VarCharVector vector, int row) {
        long start = vector.getStartOffset(row);
        long end = vector.getEndOffset(row);
        ArrowBuf data = vector.getDataBuffer();
        int hash = SimpleHasher.INSTANCE.hashCode(data, start, end - start);
        int mask = keys.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            byte[] key = keys[slot];
            if (key == null) {
                byte[] bytes = new byte[(int) (end - start)];
                data.getBytes(start, bytes);
                G group = groups.computeIfAbsent(new String(bytes, StandardCharsets.UTF_8), k -> newGroup.get());
                insert(slot, bytes, hash, group);
                return group;
            }
            if (hashes[slot] == hash && ByteFunctionHelpers.compare(data, (int) start, (int) end, key, 0, key.length) == 0) {
                return (G) values[slot];
            }
        }
    }

    private void insert(int slot, byte[] key, int hash, Object group) {
        keys[slot] = key;
        hashes[slot] = hash;
        values[slot] = group;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    private void grow() {
        byte[][] oldKeys = keys;
        int[] oldHashes = hashes;
        Object[] oldValues = values;
        keys = new byte[oldKeys.length * 2][];
        hashes = new int[keys.length];
        values = new Object[keys.length];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = oldHashes[i] & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                hashes[slot] = oldHashes[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
