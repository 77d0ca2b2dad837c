package dev.rustbin.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.Tools;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sparse 5 GiB file with marks written past 2^31 and 2^32 and across window boundaries: every
 * read path (fields, slices, copies, a universal-file region) finds them, which is what the ELF,
 * Mach-O and PE readers rely on for files over 2 GiB.
 */
class FileWindowsTest {

    private static final long GIB = 1L << 30;
    private static final long SIZE = 5 * GIB;
    private static final long PAST_4_GIB = 4 * GIB + 12_345;
    private static final long ACROSS_WINDOWS = 3 * FileWindows.STRIDE - 3;
    private static final long LONG_RANGE = 2 * GIB + 7;

    @Test
    void readsAnyOffsetOfASparseFileOverFourGiB(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sparse");
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.setLength(SIZE);
            raw.seek(PAST_4_GIB);
            raw.writeLong(0x0102030405060708L);
            raw.seek(ACROSS_WINDOWS);
            raw.writeLong(0x1112131415161718L);
            raw.seek(LONG_RANGE);
            raw.write(mark(100));
            raw.seek(LONG_RANGE + FileWindows.STRIDE + 50);
            raw.write(mark(100));
            raw.seek(SIZE - 4);
            raw.writeInt(0xcafef00d);
        }
        assertTrue(Files.size(file) == SIZE && allocatedBytes(file) < 64L << 20, "the test file stays sparse");

        try (MappedFile mapped = MappedFile.map(file)) {
            assertEquals(SIZE, mapped.size());
            FileView big = mapped.view(ByteOrder.BIG_ENDIAN);
            assertEquals(0x0102030405060708L, big.getLong(PAST_4_GIB));
            assertEquals(0x05060708, big.getInt(PAST_4_GIB + 4));
            assertEquals(0x1112131415161718L, big.getLong(ACROSS_WINDOWS), "a field across a window boundary");
            assertEquals(0xcafef00d, big.getInt(SIZE - 4), "the last bytes of the file");
            assertEquals(0x0807060504030201L, mapped.view(ByteOrder.LITTLE_ENDIAN).getLong(PAST_4_GIB));
            assertThrows(IndexOutOfBoundsException.class, () -> big.getInt(SIZE - 2), "a field past the end");
            assertThrows(IndexOutOfBoundsException.class, () -> big.get(SIZE));

            byte[] copied = new byte[8];
            big.get(ACROSS_WINDOWS, copied);
            assertArrayEquals(ByteBuffer.allocate(8).putLong(0x1112131415161718L).array(), copied);

            ByteBuffer slice = mapped.slice(PAST_4_GIB, 8);
            assertEquals(0x0102030405060708L, slice.getLong(0));
            ByteBuffer longer = mapped.slice(LONG_RANGE, FileWindows.STRIDE + 150);
            assertEquals(FileWindows.STRIDE + 150, longer.limit(), "a range longer than a window gets a mapping of its own");
            assertArrayEquals(mark(100), bytes(longer, 0, 100));
            assertArrayEquals(mark(100), bytes(longer, (int) FileWindows.STRIDE + 50, 100));

            BinaryFormatException tooLong = assertThrows(BinaryFormatException.class,
                    () -> mapped.slice(GIB, 3 * GIB, "section .debug_info"));
            assertTrue(tooLong.getMessage().contains(file.toString()) && tooLong.getMessage().contains("section .debug_info")
                    && tooLong.getMessage().contains("at most 2 GiB"), tooLong.getMessage());
            assertThrows(BinaryFormatException.class, () -> mapped.slice(SIZE - 4, 8), "a range past the end");

            // A universal Mach-O slice that starts past 4 GiB: its offsets count from its own start.
            MappedFile region = mapped.region(PAST_4_GIB - 4, 100);
            assertEquals(0x01020304, region.view(ByteOrder.BIG_ENDIAN).getInt(4));
            assertThrows(IndexOutOfBoundsException.class, () -> region.view(ByteOrder.BIG_ENDIAN).getInt(98), "past the slice's end");
        }

        MappedFile closed = MappedFile.map(file);
        FileView early = closed.view(ByteOrder.BIG_ENDIAN);
        assertEquals(0x1112131415161718L, early.getLong(ACROSS_WINDOWS));
        closed.close();
        assertEquals(0x1112131415161718L, early.getLong(ACROSS_WINDOWS), "a window mapped before close stays readable");
        BinaryFormatException afterClose = assertThrows(BinaryFormatException.class, () -> early.getLong(PAST_4_GIB));
        assertTrue(afterClose.getMessage().contains(file.toString()) && afterClose.getMessage().contains("closed while being read"),
                afterClose.getMessage());
    }

    private static byte[] mark(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 7 + 1);
        }
        return bytes;
    }

    private static byte[] bytes(ByteBuffer buffer, int at, int length) {
        byte[] out = new byte[length];
        buffer.get(at, out);
        return out;
    }

    /** What the file takes on disk, as du counts it. */
    private static long allocatedBytes(Path file) {
        return Long.parseLong(Tools.run(List.of("du", "-k", file.toString())).split("\\s+")[0]) << 10;
    }
}
