package dev.rustbin.disasm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interns mnemonics straight from Capstone's NUL-terminated bytes, so the hot loop allocates no
 * String per instruction: a binary has a few hundred distinct (instruction id, mnemonic) pairs.
 * Each entry also keeps the pair's {@link BranchClassifier} flags. Open addressing, linear probing.
 */
final class MnemonicTable {

    /** What {@link #lookup} returns: the interned mnemonic and its flags. */
    static final class Entry {
        final int id;
        final byte[] key;
        final String mnemonic;
        final int flags;

        private Entry(int id, byte[] key, String mnemonic, int flags) {
            this.id = id;
            this.key = key;
            this.mnemonic = mnemonic;
            this.flags = flags;
        }
    }

    private final Architecture arch;
    private final long handle;
    private Entry[] slots = new Entry[1024];
    private int used;

    MnemonicTable(Architecture arch, long handle) {
        this.arch = arch;
        this.handle = handle;
    }

    /** The entry for instruction {@code id} whose mnemonic is {@code text[from, from + length)}. */
    Entry lookup(int id, byte[] text, int from, int length) {
        int mask = slots.length - 1;
        for (int slot = hash(id, text, from, length) & mask; ; slot = (slot + 1) & mask) {
            Entry entry = slots[slot];
            if (entry == null) {
                return insert(slot, id, Arrays.copyOfRange(text, from, from + length));
            }
            if (entry.id == id && Arrays.equals(entry.key, 0, entry.key.length, text, from, from + length)) {
                return entry;
            }
        }
    }

    private Entry insert(int slot, int id, byte[] key) {
        String mnemonic = new String(key, StandardCharsets.ISO_8859_1).intern();
        // id 0 is SKIPDATA's ".byte": Capstone has no name for it
        String name = id == 0 ? null : CapstoneLibrary.cs_insn_name(handle, id);
        int flags = name == null
                ? InstructionFlags.DATA : BranchClassifier.classify(arch, name, mnemonic);
        Entry entry = new Entry(id, key, mnemonic, flags);
        slots[slot] = entry;
        if (++used * 2 > slots.length) {
            grow();
        }
        return entry;
    }

    private void grow() {
        Entry[] old = slots;
        slots = new Entry[old.length * 2];
        int mask = slots.length - 1;
        for (Entry entry : old) {
            if (entry == null) {
                continue;
            }
            int slot = hash(entry.id, entry.key, 0, entry.key.length) & mask;
            while (slots[slot] != null) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = entry;
        }
    }

    private static int hash(int id, byte[] text, int from, int length) {
        int hash = id;
        for (int i = from, end = from + length; i < end; i++) {
            hash = hash * 31 + text[i];
        }
        // spread the high bits into the low ones, which alone pick the slot
        return hash ^ (hash >>> 16) ^ (hash >>> 7);
    }
}
