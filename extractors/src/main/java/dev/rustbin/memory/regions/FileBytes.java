package dev.rustbin.memory.regions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Bytes of a mapped file, mapped read-only (never copied onto the heap); null when the file is gone or shorter. */
final class FileBytes {

    private FileBytes() {
    }

    static ByteBuffer read(Path file, long offset, int length) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (offset < 0 || offset + length > channel.size()) {
                return null;
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, offset, length).asReadOnlyBuffer();
        } catch (IOException e) {
            return null;
        }
    }
}
