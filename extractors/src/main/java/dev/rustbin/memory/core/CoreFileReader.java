package dev.rustbin.memory.core;

import dev.rustbin.memory.CapturedMemory;
import dev.rustbin.memory.MemoryMapping;
import dev.rustbin.memory.ProcessSnapshot;
import dev.rustbin.memory.RegisterLayout;
import dev.rustbin.memory.SnapshotException;
import dev.rustbin.memory.ThreadState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads an ELF core file (from gcore or the kernel) into a {@link ProcessSnapshot}: PT_LOAD
 * segments are the captured memory, NT_PRSTATUS notes the threads, NT_FILE names the mapped files,
 * NT_AUXV is the auxiliary vector. Only headers and notes are read here; memory stays in the file.
 */
public final class CoreFileReader {

    private static final int ET_CORE = 4;
    private static final int EM_X86_64 = 62;
    private static final int PT_LOAD = 1;
    private static final int PT_NOTE = 4;
    private static final int MAX_PROGRAM_HEADERS = 1 << 20;
    private static final int MAX_NOTES_BYTES = 256 << 20;

    private CoreFileReader() {
    }

    /** A program header of the core: one mapping of the process, or its notes. */
    private record ProgramHeader(int type, int flags, long offset, long address, long fileSize, long memorySize) {
    }

    public static ProcessSnapshot read(Path core) {
        FileChannel channel;
        try {
            channel = FileChannel.open(core, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new SnapshotException(core + ": cannot read core file (" + e.getMessage() + ")", e);
        }
        try {
            return read(core, channel);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static ProcessSnapshot read(Path core, FileChannel channel) {
        long fileSize = size(core, channel);
        ByteBuffer header = readAt(core, channel, 0, 64, fileSize, "ELF header");
        if (header.getInt(0) != 0x464c457f) {
            throw new SnapshotException(core + ": not a core file (no ELF magic)");
        }
        if (header.get(4) != 2 || header.get(5) != 1) {
            throw new SnapshotException(core + ": only 64-bit little-endian cores are supported");
        }
        int type = header.getShort(16) & 0xffff;
        if (type != ET_CORE) {
            throw new SnapshotException(core + ": not a core file (ELF type " + type + ")");
        }
        int machine = header.getShort(18) & 0xffff;
        if (machine != EM_X86_64) {
            throw new SnapshotException(core + ": core of ELF machine " + machine + "; only x86_64 cores are supported");
        }
        long phOffset = header.getLong(32);
        int phEntrySize = header.getShort(54) & 0xffff;
        int phCount = header.getShort(56) & 0xffff;
        if (phEntrySize < 56 || phCount == 0 || phCount > MAX_PROGRAM_HEADERS) {
            throw new SnapshotException(core + ": core has no usable program headers");
        }
        ByteBuffer table = readAt(core, channel, phOffset, (long) phEntrySize * phCount, fileSize, "program header table");
        List<ProgramHeader> headers = new ArrayList<>(phCount);
        for (int i = 0; i < phCount; i++) {
            int at = i * phEntrySize;
            headers.add(new ProgramHeader(table.getInt(at), table.getInt(at + 4), table.getLong(at + 8), table.getLong(at + 16),
                    table.getLong(at + 32), table.getLong(at + 40)));
        }
        CoreNotes notes = new CoreNotes(core);
        List<CapturedMemory.Range> ranges = new ArrayList<>();
        List<ProgramHeader> loads = new ArrayList<>();
        for (ProgramHeader ph : headers) {
            if (ph.type() == PT_NOTE) {
                if (ph.fileSize() > MAX_NOTES_BYTES) {
                    throw new SnapshotException(core + ": note segment of " + ph.fileSize() + " bytes is too large");
                }
                notes.read(readAt(core, channel, ph.offset(), ph.fileSize(), fileSize, "note segment"));
            } else if (ph.type() == PT_LOAD) {
                if (ph.fileSize() > 0 && (ph.offset() < 0 || ph.offset() + ph.fileSize() > fileSize || ph.offset() + ph.fileSize() < 0)) {
                    throw new SnapshotException(String.format("%s: core is truncated: the segment at 0x%x needs bytes up to %d, the file has %d",
                            core, ph.address(), ph.offset() + ph.fileSize(), fileSize));
                }
                loads.add(ph);
                ranges.add(new CapturedMemory.Range(ph.address(), Math.min(ph.fileSize(), ph.memorySize()), ph.offset()));
            }
        }
        if (notes.threads().isEmpty()) {
            throw new SnapshotException(core + ": core has no thread status notes (NT_PRSTATUS)");
        }
        List<MemoryMapping> mappings = new ArrayList<>(loads.size());
        for (ProgramHeader ph : loads) {
            CoreNotes.FileMapping file = notes.fileAt(ph.address());
            String permissions = ((ph.flags() & 4) != 0 ? "r" : "-") + ((ph.flags() & 2) != 0 ? "w" : "-")
                    + ((ph.flags() & 1) != 0 ? "x" : "-") + "p";
            mappings.add(new MemoryMapping(ph.address(), ph.address() + ph.memorySize(), permissions,
                    file == null ? 0 : file.fileOffset() + (ph.address() - file.start()), file == null ? "" : file.path()));
        }
        mappings.addAll(uncoveredFiles(notes, loads));
        mappings.sort((a, b) -> Long.compareUnsigned(a.start(), b.start()));
        List<ThreadState> threads = new ArrayList<>();
        for (CoreNotes.ThreadStatus status : notes.threads()) {
            threads.add(new ThreadState(status.tid(), null, RegisterLayout.X86_64, status.registers()));
        }
        Path executable = executableOf(notes, mappings);
        long modified;
        try {
            modified = Files.getLastModifiedTime(core).toInstant().toEpochMilli() * 1_000_000L;
        } catch (IOException e) {
            modified = 0;
        }
        CapturedMemory memory = new CapturedMemory(core.toString(), channel, ranges);
        return new ProcessSnapshot(0, modified, notes.pid() != 0 ? notes.pid() : threads.get(0).tid(), "core", "manual",
                core.toString(), executable, List.copyOf(mappings), List.copyOf(threads), Map.copyOf(notes.auxv()), memory, null);
    }

    /**
     * Mappings of files the core kept no bytes of: with the default coredump_filter (0x33) neither
     * the kernel nor gcore writes unmodified file-backed code, so only NT_FILE names it. Their
     * permissions come from the file's own loadable segment that holds the range ("r--p" if unknown).
     */
    private static List<MemoryMapping> uncoveredFiles(CoreNotes notes, List<ProgramHeader> loads) {
        List<MemoryMapping> found = new ArrayList<>();
        for (CoreNotes.FileMapping file : notes.files()) {
            long start = file.start();
            for (ProgramHeader ph : loads.stream().sorted((a, b) -> Long.compareUnsigned(a.address(), b.address())).toList()) {
                long phEnd = ph.address() + ph.memorySize();
                if (Long.compareUnsigned(phEnd, start) <= 0 || Long.compareUnsigned(ph.address(), file.end()) >= 0) {
                    continue;
                }
                if (Long.compareUnsigned(ph.address(), start) > 0) {
                    found.add(fileMapping(notes, file, start, ph.address()));
                }
                start = Long.compareUnsigned(phEnd, start) > 0 ? phEnd : start;
            }
            if (Long.compareUnsigned(start, file.end()) < 0) {
                found.add(fileMapping(notes, file, start, file.end()));
            }
        }
        return found;
    }

    private static MemoryMapping fileMapping(CoreNotes notes, CoreNotes.FileMapping file, long start, long end) {
        long offset = file.fileOffset() + (start - file.start());
        long base = notes.files().stream().filter(f -> f.path().equals(file.path()) && f.fileOffset() == 0)
                .mapToLong(CoreNotes.FileMapping::start).findFirst().orElse(file.start() - file.fileOffset());
        return new MemoryMapping(start, end, FileSegmentPermissions.at(Path.of(file.path()), base, start), offset, file.path());
    }

    /** The file mapped at the program headers' address the kernel handed the program (AT_PHDR). */
    private static Path executableOf(CoreNotes notes, List<MemoryMapping> mappings) {
        Long phdr = notes.auxv().get(ProcessSnapshot.AT_PHDR);
        if (phdr != null) {
            for (MemoryMapping m : mappings) {
                if (m.contains(phdr) && m.isFile()) {
                    return Path.of(m.name());
                }
            }
        }
        return notes.files().isEmpty() ? null : Path.of(notes.files().get(0).path());
    }

    private static long size(Path core, FileChannel channel) {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new SnapshotException(core + ": cannot read core file (" + e.getMessage() + ")", e);
        }
    }

    private static ByteBuffer readAt(Path core, FileChannel channel, long offset, long length, long fileSize, String what) {
        if (offset < 0 || length < 0 || offset > fileSize || length > fileSize - offset || length > Integer.MAX_VALUE) {
            throw new SnapshotException(String.format("%s: core is truncated: %s at offset %d (+%d) lies past the end (%d bytes)",
                    core, what, offset, length, fileSize));
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
        try {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new SnapshotException(core + ": core is truncated while reading the " + what);
                }
            }
        } catch (IOException e) {
            throw new SnapshotException(core + ": cannot read core file (" + e.getMessage() + ")", e);
        }
        return buffer.flip();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // The read already failed; that error is the one to report.
        }
    }
}
