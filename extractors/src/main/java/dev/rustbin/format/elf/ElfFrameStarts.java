package dev.rustbin.format.elf;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.Section;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The start address of every FDE in {@code .eh_frame}: where each function with unwind information
 * begins, which strip keeps (the unwinder needs it). Only the CIE fields that say how an FDE's
 * start is encoded are read; the call frame instructions are skipped. FDEs of signal frames (CIE
 * augmentation 'S') are left out: they begin a byte before their code on purpose (glibc's
 * __restore_rt), since unwinders look up a return address minus one.
 */
final class ElfFrameStarts {

    private static final int DW_EH_PE_OMIT = 0xff;
    /** What {@link #pointerEncoding} returns for a signal frame's CIE, whose FDEs are skipped. */
    private static final int SIGNAL_FRAME = -1;
    private static final int DW_EH_PE_PCREL = 0x10;
    private static final int DW_EH_PE_DATAREL = 0x30;

    private final Path path;
    private final ByteBuffer frame;
    private final long frameAddress;
    private final boolean is64;

    private ElfFrameStarts(Path path, ByteBuffer frame, long frameAddress, boolean is64) {
        this.path = path;
        this.frame = frame;
        this.frameAddress = frameAddress;
        this.is64 = is64;
    }

    /** Sorted, distinct FDE start addresses; FDEs a linker left pointing at address 0 (discarded code) are dropped. */
    static long[] read(Path path, Section ehFrame, ByteBuffer bytes, boolean is64) {
        return new ElfFrameStarts(path, bytes, ehFrame.address(), is64).starts();
    }

    private long[] starts() {
        Map<Integer, Integer> encodingOfCie = new HashMap<>();
        long[] starts = new long[64];
        int count = 0;
        int p = 0;
        while (p + 4 <= frame.limit()) {
            long length = frame.getInt(p) & 0xffff_ffffL;
            int idAt = p + 4;
            if (length == 0) {
                break;
            }
            if (length == 0xffff_ffffL) {
                require(p + 12, p);
                length = frame.getLong(p + 4);
                idAt = p + 12;
            }
            long end = idAt + length;
            require(end, p);
            long id = frame.getInt(idAt) & 0xffff_ffffL;
            if (id == 0) {
                encodingOfCie.put(p, pointerEncoding(idAt + 4, (int) end, p));
            } else {
                int cie = (int) (idAt - id);
                Integer encoding = encodingOfCie.get(cie);
                if (encoding == null) {
                    throw corrupt(p, "refers to no CIE at 0x" + Integer.toHexString(cie));
                }
                long start = encoding == SIGNAL_FRAME ? 0 : pointer(idAt + 4, encoding, p);
                if (start != 0) {
                    if (count == starts.length) {
                        starts = Arrays.copyOf(starts, count * 2);
                    }
                    starts[count++] = start;
                }
            }
            p = (int) end;
        }
        return Arrays.stream(starts, 0, count).sorted().distinct().toArray();
    }

    /**
     * The FDE pointer encoding a CIE declares with its 'R' augmentation (absolute pointers without
     * one), or {@link #SIGNAL_FRAME}.
     */
    private int pointerEncoding(int at, int end, int record) {
        int version = frame.get(at) & 0xff;
        int stringAt = at + 1;
        int p = stringAt;
        while (p < end && frame.get(p) != 0) {
            p++;
        }
        String augmentation = new String(bytes(stringAt, p), StandardCharsets.US_ASCII);
        p++;
        if (augmentation.contains("eh")) {
            p += is64 ? 8 : 4;
        }
        p = skipLeb(p, end, record);
        p = skipLeb(p, end, record);
        p = version == 1 ? p + 1 : skipLeb(p, end, record);
        if (augmentation.indexOf('S') >= 0) {
            return SIGNAL_FRAME;
        }
        if (!augmentation.startsWith("z")) {
            return 0;
        }
        p = skipLeb(p, end, record);
        for (int i = 1; i < augmentation.length(); i++) {
            require(p + 1, record);
            switch (augmentation.charAt(i)) {
                case 'R':
                    return frame.get(p) & 0xff;
                case 'L':
                    p++;
                    break;
                case 'P':
                    int encoding = frame.get(p) & 0xff;
                    p = skipPointer(p + 1, encoding, end, record);
                    break;
                default:
                    // 'S' and 'B' carry no data; anything else ends what we can read
                    if ("SB".indexOf(augmentation.charAt(i)) < 0) {
                        return 0;
                    }
            }
        }
        return 0;
    }

    private byte[] bytes(int from, int to) {
        byte[] out = new byte[to - from];
        frame.get(from, out);
        return out;
    }

    /** Reads a pointer in a DW_EH_PE encoding; only the application kinds .eh_frame uses are valid here. */
    private long pointer(int at, int encoding, int record) {
        if (encoding == DW_EH_PE_OMIT) {
            return 0;
        }
        long value;
        switch (encoding & 0x0f) {
            case 0x00 -> value = is64 ? readLong(at, record) : readInt(at, record) & 0xffff_ffffL;
            case 0x02 -> value = readShort(at, record) & 0xffff;
            case 0x03 -> value = readInt(at, record) & 0xffff_ffffL;
            case 0x04, 0x0c -> value = readLong(at, record);
            case 0x0a -> value = readShort(at, record);
            case 0x0b -> value = readInt(at, record);
            default -> throw corrupt(record, "uses pointer encoding 0x" + Integer.toHexString(encoding));
        }
        int application = encoding & 0x70;
        if (application == DW_EH_PE_PCREL) {
            return frameAddress + at + value;
        }
        if (application != 0 && application != DW_EH_PE_DATAREL) {
            throw corrupt(record, "uses pointer encoding 0x" + Integer.toHexString(encoding));
        }
        return value;
    }

    private int skipPointer(int at, int encoding, int end, int record) {
        return switch (encoding & 0x0f) {
            case 0x00 -> at + (is64 ? 8 : 4);
            case 0x01, 0x09 -> skipLeb(at, end, record);
            case 0x02, 0x0a -> at + 2;
            case 0x03, 0x0b -> at + 4;
            case 0x04, 0x0c -> at + 8;
            default -> throw corrupt(record, "uses pointer encoding 0x" + Integer.toHexString(encoding));
        };
    }

    private int skipLeb(int at, int end, int record) {
        int p = at;
        while (p < end && frame.get(p) < 0) {
            p++;
        }
        if (p >= end) {
            throw corrupt(record, "ends inside a LEB128 number");
        }
        return p + 1;
    }

    private short readShort(int at, int record) {
        require(at + 2, record);
        return frame.getShort(at);
    }

    private int readInt(int at, int record) {
        require(at + 4, record);
        return frame.getInt(at);
    }

    private long readLong(int at, int record) {
        require(at + 8, record);
        return frame.getLong(at);
    }

    private void require(long end, int record) {
        if (end > frame.limit() || end < 0) {
            throw corrupt(record, "runs past the end of .eh_frame");
        }
    }

    private BinaryFormatException corrupt(int record, String problem) {
        return new BinaryFormatException(path, ".eh_frame record at 0x" + Integer.toHexString(record) + " " + problem);
    }
}
