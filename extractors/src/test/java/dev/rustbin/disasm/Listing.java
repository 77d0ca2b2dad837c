package dev.rustbin.disasm;

import java.util.Arrays;

/** Test-only: every instruction a {@link Disassembler} delivered, kept in parallel arrays. */
final class Listing implements InstructionSink {

    /** Operand strings are most of the memory on a big binary; keep them only when asked. */
    private final boolean keepOperands;
    int count;
    long[] addresses = new long[1024];
    int[] sizes = new int[1024];
    String[] mnemonics = new String[1024];
    String[] operands = new String[1024];
    int[] flags = new int[1024];
    long[] targets = new long[1024];

    Listing(boolean keepOperands) {
        this.keepOperands = keepOperands;
    }

    @Override
    public void instruction(long address, int size, InstructionBytes bytes, String mnemonic,
            String operandText, int instructionFlags, long target) {
        if (count == addresses.length) {
            int capacity = count * 2;
            addresses = Arrays.copyOf(addresses, capacity);
            sizes = Arrays.copyOf(sizes, capacity);
            mnemonics = Arrays.copyOf(mnemonics, capacity);
            operands = Arrays.copyOf(operands, capacity);
            flags = Arrays.copyOf(flags, capacity);
            targets = Arrays.copyOf(targets, capacity);
        }
        addresses[count] = address;
        sizes[count] = size;
        mnemonics[count] = mnemonic;
        operands[count] = keepOperands ? operandText : null;
        flags[count] = instructionFlags;
        targets[count] = target;
        count++;
    }

    /** The index of the instruction starting at {@code address}, or -1. */
    int indexOf(long address) {
        int i = Arrays.binarySearch(addresses, 0, count, address);
        return i >= 0 ? i : -1;
    }

    long totalSize() {
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += sizes[i];
        }
        return total;
    }

    String describe(int i) {
        return String.format("%x %s %s (size %d, flags 0x%x, target %x)", addresses[i], mnemonics[i],
                operands[i], sizes[i], flags[i], targets[i]);
    }
}
