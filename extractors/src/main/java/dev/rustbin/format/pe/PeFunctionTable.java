package dev.rustbin.format.pe;

import dev.rustbin.format.ByteFields;
import dev.rustbin.format.FileView;
import java.util.Arrays;

/**
 * The exception directory (.pdata) of x86-64 and ARM64 images: one RUNTIME_FUNCTION per function
 * that is not a leaf without stack use, sorted by start. 32-bit x86 images have none.
 */
final class PeFunctionTable {

    private static final int MACHINE_AMD64 = 0x8664;
    private static final int MACHINE_ARM64 = 0xaa64;

    private PeFunctionTable() {
    }

    /** Sorted, distinct function start addresses. */
    static long[] starts(FileView view, PeAddressMap addresses, PeHeaders headers) {
        long rva = headers.directoryRva(PeHeaders.EXCEPTION_DIRECTORY);
        long size = headers.directorySize(PeHeaders.EXCEPTION_DIRECTORY);
        // x64 entries are (start, end, unwind info); ARM64 ones (start, packed or unwind info)
        int entrySize = headers.machine() == MACHINE_AMD64 ? 12 : headers.machine() == MACHINE_ARM64 ? 8 : 0;
        if (rva == 0 || size == 0 || entrySize == 0) {
            return new long[0];
        }
        int count = (int) (size / entrySize);
        long p = addresses.offset(rva, (long) count * entrySize, "exception directory");
        long[] starts = new long[count];
        for (int i = 0; i < count; i++) {
            starts[i] = headers.imageBase() + ByteFields.u32(view, p + (long) i * entrySize);
        }
        return Arrays.stream(starts).sorted().distinct().toArray();
    }
}
