package dev.rustbin.format.macho;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.ByteFields;
import dev.rustbin.format.FileView;
import dev.rustbin.format.MappedFile;
import java.util.Arrays;

/** LC_FUNCTION_STARTS: where each function begins, the only size information a Mach-O file has. */
final class MachOFunctionStarts {

    private MachOFunctionStarts() {
    }

    /** The function start addresses of LC_FUNCTION_STARTS: ULEB128 deltas from the start of __TEXT. */
    static long[] read(MappedFile file, FileView view, MachOLoadCommand command, long textAddress) {
        MachOLoadCommandReader.requireSize(file, command, 16, "LC_FUNCTION_STARTS");
        long offset = ByteFields.u32(view, command.offset() + 8);
        long size = ByteFields.u32(view, command.offset() + 12);
        file.require(offset, size, "function starts");
        long[] starts = new long[16];
        int count = 0;
        long address = textAddress;
        long p = offset;
        long end = offset + size;
        while (p < end) {
            long delta = 0;
            int shift = 0;
            byte b;
            do {
                if (p >= end || shift > 63) {
                    throw new BinaryFormatException(file.path(), "function starts hold a malformed ULEB128 number at 0x" + Long.toHexString(p));
                }
                b = view.get(p++);
                delta |= (long) (b & 0x7f) << shift;
                shift += 7;
            } while (b < 0);
            if (delta == 0) {
                break;
            }
            address += delta;
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = address;
        }
        return Arrays.copyOf(starts, count);
    }
}
