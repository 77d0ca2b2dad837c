package dev.rustbin.disasm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only: the section headers of a little-endian ELF64 file and its bytes, mapped read-only.
 * The project's ELF reader lives elsewhere; these tests need just enough to find executable sections.
 */
final class ElfSections {

    static final int SHF_EXECINSTR = 0x4;
    static final int SHT_NOBITS = 8;

    record Section(String name, int type, long flags, long address, long offset, long size) {
        boolean executable() {
            return (flags & SHF_EXECINSTR) != 0 && type != SHT_NOBITS && size > 0;
        }
    }

    final MappedByteBuffer file;
    final int machine;
    final List<Section> sections = new ArrayList<>();

    ElfSections(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            file = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
        ByteBuffer elf = file.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (elf.getInt(0) != 0x464c457f || elf.get(4) != 2 || elf.get(5) != 1) {
            throw new IOException(path + " is not a little-endian ELF64 file");
        }
        machine = elf.getShort(18) & 0xffff;
        long shoff = elf.getLong(0x28);
        int shentsize = elf.getShort(0x3a) & 0xffff;
        int shnum = elf.getShort(0x3c) & 0xffff;
        int shstrndx = elf.getShort(0x3e) & 0xffff;
        long names = elf.getLong((int) (shoff + (long) shstrndx * shentsize + 0x18));
        for (int i = 0; i < shnum; i++) {
            int h = (int) (shoff + (long) i * shentsize);
            sections.add(new Section(cString(elf, (int) (names + elf.getInt(h))), elf.getInt(h + 4),
                    elf.getLong(h + 8), elf.getLong(h + 0x10), elf.getLong(h + 0x18), elf.getLong(h + 0x20)));
        }
    }

    List<Section> executableSections() {
        return sections.stream().filter(Section::executable).toList();
    }

    Section section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /** The section's bytes: a slice of the mapping, so a direct buffer. */
    ByteBuffer bytes(Section section) {
        return file.slice((int) section.offset(), (int) section.size());
    }

    /** The bytes for virtual addresses [from, to) inside {@code section}. */
    ByteBuffer bytes(Section section, long from, long to) {
        return file.slice((int) (section.offset() + from - section.address()), (int) (to - from));
    }

    private static String cString(ByteBuffer buffer, int at) {
        int end = at;
        while (buffer.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - at];
        buffer.get(at, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
