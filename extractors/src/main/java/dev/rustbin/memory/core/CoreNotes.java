package dev.rustbin.memory.core;

import dev.rustbin.memory.AuxiliaryVector;
import dev.rustbin.memory.RegisterLayout;
import dev.rustbin.memory.SnapshotException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The notes of a core that name its threads, files and auxiliary vector (x86_64 layouts). */
final class CoreNotes {

    private static final int NT_PRSTATUS = 1;
    private static final int NT_PRPSINFO = 3;
    private static final int NT_AUXV = 6;
    private static final int NT_FILE = 0x46494c45;
    private static final int PRSTATUS_PID = 32;
    private static final int PRSTATUS_REGISTERS = 112;
    private static final int PRPSINFO_PID = 24;

    record ThreadStatus(long tid, long[] registers) {
    }

    /** One NT_FILE entry: a file-backed address range and its offset in the file. */
    record FileMapping(long start, long end, long fileOffset, String path) {
    }

    private final Path core;
    private final List<ThreadStatus> threads = new ArrayList<>();
    private final List<FileMapping> files = new ArrayList<>();
    private Map<Long, Long> auxv = Map.of();
    private long pid;

    CoreNotes(Path core) {
        this.core = core;
    }

    void read(ByteBuffer notes) {
        notes.order(ByteOrder.LITTLE_ENDIAN);
        int p = 0;
        int end = notes.limit();
        while (end - p >= 12) {
            long nameSize = notes.getInt(p) & 0xffff_ffffL;
            long descSize = notes.getInt(p + 4) & 0xffff_ffffL;
            int type = notes.getInt(p + 8);
            long descStart = p + 12L + align4(nameSize);
            long next = descStart + align4(descSize);
            if (descStart + descSize > end) {
                throw new SnapshotException(core + ": core note at offset " + p + " runs past its segment");
            }
            String name = nameSize > 0 ? cString(notes, p + 12, (int) nameSize) : "";
            if (name.equals("CORE")) {
                ByteBuffer desc = notes.slice((int) descStart, (int) descSize).order(ByteOrder.LITTLE_ENDIAN);
                switch (type) {
                    case NT_PRSTATUS -> threads.add(threadStatus(desc));
                    case NT_PRPSINFO -> pid = desc.limit() >= PRPSINFO_PID + 4 ? desc.getInt(PRPSINFO_PID) & 0xffff_ffffL : 0;
                    case NT_AUXV -> auxv = AuxiliaryVector.parse(desc);
                    case NT_FILE -> readFiles(desc);
                    default -> {
                    }
                }
            }
            p = (int) next;
        }
    }

    private ThreadStatus threadStatus(ByteBuffer desc) {
        int count = RegisterLayout.X86_64.size();
        if (desc.limit() < PRSTATUS_REGISTERS + count * 8) {
            throw new SnapshotException(core + ": NT_PRSTATUS note of " + desc.limit() + " bytes is too short for x86_64 registers");
        }
        long[] registers = new long[count];
        for (int i = 0; i < count; i++) {
            registers[i] = desc.getLong(PRSTATUS_REGISTERS + i * 8);
        }
        return new ThreadStatus(desc.getInt(PRSTATUS_PID) & 0xffff_ffffL, registers);
    }

    private void readFiles(ByteBuffer desc) {
        if (desc.limit() < 16) {
            throw new SnapshotException(core + ": NT_FILE note is too short");
        }
        long count = desc.getLong(0);
        long pageSize = desc.getLong(8);
        if (count < 0 || count > (desc.limit() - 16) / 24) {
            throw new SnapshotException(core + ": NT_FILE note claims " + count + " files");
        }
        int names = 16 + (int) count * 24;
        for (int i = 0; i < count; i++) {
            int at = 16 + i * 24;
            int nameEnd = names;
            while (nameEnd < desc.limit() && desc.get(nameEnd) != 0) {
                nameEnd++;
            }
            String path = new String(bytes(desc, names, nameEnd - names), StandardCharsets.UTF_8);
            files.add(new FileMapping(desc.getLong(at), desc.getLong(at + 8), desc.getLong(at + 16) * pageSize, path));
            names = nameEnd + 1;
        }
    }

    FileMapping fileAt(long address) {
        for (FileMapping f : files) {
            if (Long.compareUnsigned(address, f.start()) >= 0 && Long.compareUnsigned(address, f.end()) < 0) {
                return f;
            }
        }
        return null;
    }

    List<ThreadStatus> threads() {
        return threads;
    }

    List<FileMapping> files() {
        return files;
    }

    Map<Long, Long> auxv() {
        return auxv;
    }

    long pid() {
        return pid;
    }

    private static byte[] bytes(ByteBuffer b, int from, int length) {
        byte[] out = new byte[Math.max(0, length)];
        b.get(from, out);
        return out;
    }

    private static String cString(ByteBuffer b, int from, int max) {
        int end = from;
        while (end < from + max && b.get(end) != 0) {
            end++;
        }
        return new String(bytes(b, from, end - from), StandardCharsets.US_ASCII);
    }

    private static long align4(long n) {
        return (n + 3) & ~3L;
    }
}
