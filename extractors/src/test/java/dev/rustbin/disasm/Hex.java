package dev.rustbin.disasm;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Test-only: buffers from hex strings. */
final class Hex {

    private Hex() {}

    /** Hex digits, spaces ignored, as a heap buffer. */
    static ByteBuffer heap(String hex) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    /** The same bytes in a direct buffer, as a mapped file would give them. */
    static ByteBuffer direct(String hex) {
        ByteBuffer heap = heap(hex);
        ByteBuffer direct = ByteBuffer.allocateDirect(heap.remaining());
        direct.put(heap).flip();
        return direct;
    }
}
