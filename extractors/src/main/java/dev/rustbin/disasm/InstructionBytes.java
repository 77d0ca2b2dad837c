package dev.rustbin.disasm;

import java.nio.ByteBuffer;

/**
 * The machine bytes of the instruction being delivered, as a view on the caller's buffer: one
 * instance is reused for every instruction, so nothing is copied unless the sink asks for it.
 * Valid only during the {@link InstructionSink#instruction} call it is passed to.
 */
public final class InstructionBytes {

    private ByteBuffer source;
    private int start;
    private int length;

    void point(ByteBuffer source, int start, int length) {
        this.source = source;
        this.start = start;
        this.length = length;
    }

    public int length() {
        return length;
    }

    /** The byte at {@code index} (0-based within the instruction), unsigned. */
    public int get(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return source.get(start + index) & 0xff;
    }

    public byte[] toArray() {
        byte[] copy = new byte[length];
        source.get(start, copy);
        return copy;
    }

    /** Lower-case hex without separators, e.g. {@code e8fb0f0000}. */
    public String toHex() {
        StringBuilder hex = new StringBuilder(length * 2);
        for (int i = 0; i < length; i++) {
            int b = source.get(start + i) & 0xff;
            hex.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }
}
