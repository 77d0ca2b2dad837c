package dev.rustbin.memory.unwind;

import dev.rustbin.dwarf.DwarfFormatException;
import dev.rustbin.format.Symbol;
import dev.rustbin.memory.AddressSpace;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * An ELF image the kernel maps without a file: the vdso, where a thread reading the clock stops.
 * It is found by its ELF header at a page boundary just below the pc, in the snapshot's memory,
 * and its CFI is read from there through PT_GNU_EH_FRAME (no section headers are needed); its
 * function names come from its .dynsym when its section headers are mapped too (the vdso's are).
 */
final class InMemoryImage {

    /** How the unwinder names frames in such an image: on Linux the only one is the vdso. */
    static final String NAME = "[vdso]";

    private static final int PAGE = 4096;
    private static final int MAX_PAGES_BELOW = 8;
    private static final long MAX_IMAGE_BYTES = 1 << 20;
    private static final int PT_LOAD = 1;
    private static final int PT_GNU_EH_FRAME = 0x6474e550;
    private static final int SHT_DYNSYM = 11;
    private static final int STT_FUNC = 2;

    private final long start;
    private final long end;
    private final long bias;
    private final ModuleCfi cfi;
    private final List<Symbol> functions;

    private InMemoryImage(long start, long end, long bias, ModuleCfi cfi, List<Symbol> functions) {
        this.start = start;
        this.end = end;
        this.bias = bias;
        this.cfi = cfi;
        this.functions = functions;
    }

    boolean contains(long pc) {
        return Long.compareUnsigned(pc, start) >= 0 && Long.compareUnsigned(pc, end) < 0;
    }

    long bias() {
        return bias;
    }

    ModuleCfi cfi() {
        return cfi;
    }

    /** The function symbols (of its .dynsym) at the start of the one holding a static address: it and its aliases. */
    List<Symbol> functionsAt(long staticAddress) {
        Symbol holder = functions.stream()
                .filter(f -> Long.compareUnsigned(staticAddress - f.address(), Math.max(f.size(), 1)) < 0)
                .findFirst().orElse(null);
        return holder == null ? List.of() : functions.stream().filter(f -> f.address() == holder.address()).toList();
    }

    /** The image holding {@code pc}, or null when no ELF header with usable CFI lies a few pages below it. */
    static InMemoryImage find(AddressSpace memory, long pc) {
        long page = pc & -PAGE;
        for (int i = 0; i <= MAX_PAGES_BELOW; i++, page -= PAGE) {
            byte[] magic = new byte[4];
            if (!memory.read(page, magic, 0, 4)) {
                return null;
            }
            if (magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F') {
                try {
                    InMemoryImage image = parse(memory, page);
                    return image != null && image.contains(pc) ? image : null;
                } catch (DwarfFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static InMemoryImage parse(AddressSpace memory, long base) {
        ByteBuffer header = read(memory, base, 64);
        if (header.get(4) != 2 || header.get(5) != 1) {
            return null;
        }
        long phoff = header.getLong(0x20);
        int phentsize = header.getShort(0x36) & 0xffff;
        int phnum = header.getShort(0x38) & 0xffff;
        if (phentsize < 56 || phentsize > 128 || phnum > 64 || phoff > MAX_IMAGE_BYTES) {
            return null;
        }
        ByteBuffer phdrs = read(memory, base + phoff, phentsize * phnum);
        long low = -1;
        long high = 0;
        long bias = 0;
        long hdrAddress = -1;
        long hdrSize = 0;
        for (int i = 0; i < phnum; i++) {
            int at = i * phentsize;
            int type = phdrs.getInt(at);
            long offset = phdrs.getLong(at + 8);
            long vaddr = phdrs.getLong(at + 16);
            long memsz = phdrs.getLong(at + 40);
            if (type == PT_LOAD) {
                if (low == -1) {
                    low = vaddr - offset;
                    bias = base - low;
                }
                high = Math.max(high, vaddr + memsz);
            } else if (type == PT_GNU_EH_FRAME) {
                hdrAddress = vaddr;
                hdrSize = memsz;
            }
        }
        if (low == -1 || hdrAddress == -1 || high - low > MAX_IMAGE_BYTES || hdrAddress < low || hdrAddress + hdrSize > high) {
            return null;
        }
        // Whole pages: the vdso's section headers lie after its one segment, in the same mapping.
        int pages = (int) ((high - low + PAGE - 1) & -PAGE);
        ByteBuffer image = memory.contains(base, pages) ? read(memory, base, pages) : read(memory, base, (int) (high - low));
        PointerEncoding pointers = new PointerEncoding(0, 0, a -> 0);
        EhFrameHeader hdr = EhFrameHeader.parse(image.slice((int) (hdrAddress - low), (int) hdrSize).order(ByteOrder.LITTLE_ENDIAN),
                hdrAddress, pointers);
        if (hdr == null || hdr.ehFrameAddress() < low || hdr.ehFrameAddress() >= high) {
            return null;
        }
        int ehFrameOffset = (int) (hdr.ehFrameAddress() - low);
        CfiSection ehFrame = new CfiSection(CfiSection.Kind.EH_FRAME,
                image.slice(ehFrameOffset, (int) (high - low) - ehFrameOffset).order(ByteOrder.LITTLE_ENDIAN), hdr.ehFrameAddress(), pointers);
        return new InMemoryImage(base, base + (high - low), bias, ModuleCfi.ofEhFrame(ehFrame, hdr), functions(header, image));
    }

    /**
     * The defined functions of the image's .dynsym, through its section headers (the vdso is a whole
     * ELF file mapped from offset 0, so file offsets index {@code image}); none when they are out of reach.
     */
    private static List<Symbol> functions(ByteBuffer header, ByteBuffer image) {
        long shoff = header.getLong(0x28);
        int shentsize = header.getShort(0x3a) & 0xffff;
        int shnum = header.getShort(0x3c) & 0xffff;
        if (shentsize < 64 || shnum > 256 || shoff < 0 || shoff + (long) shentsize * shnum > image.limit()) {
            return List.of();
        }
        List<Symbol> functions = new ArrayList<>();
        for (int i = 0; i < shnum; i++) {
            int at = (int) shoff + i * shentsize;
            int link = image.getInt(at + 40);
            if (image.getInt(at + 4) != SHT_DYNSYM || link < 0 || link >= shnum) {
                continue;
            }
            long symbols = image.getLong(at + 24);
            long size = image.getLong(at + 32);
            int strtab = (int) shoff + link * shentsize;
            long strings = image.getLong(strtab + 24);
            long stringsSize = image.getLong(strtab + 32);
            if (symbols < 0 || size < 0 || symbols + size > image.limit() || strings < 0 || stringsSize < 0 || strings + stringsSize > image.limit()) {
                return List.of();
            }
            for (long e = symbols; e + 24 <= symbols + size; e += 24) {
                int name = image.getInt((int) e);
                int info = image.get((int) e + 4) & 0xff;
                long value = image.getLong((int) e + 8);
                if ((info & 0xf) == STT_FUNC && value != 0 && name > 0 && name < stringsSize) {
                    functions.add(new Symbol(cstring(image, (int) (strings + name), (int) (strings + stringsSize)), "function", value,
                            image.getLong((int) e + 16), null, (info >> 4) == 2 ? "weak" : (info >> 4) == 1 ? "global" : "local",
                            "default", true, true));
                }
            }
        }
        return List.copyOf(functions);
    }

    private static String cstring(ByteBuffer image, int start, int limit) {
        StringBuilder text = new StringBuilder();
        for (int i = start; i < limit && image.get(i) != 0; i++) {
            text.append((char) (image.get(i) & 0xff));
        }
        return text.toString();
    }

    private static ByteBuffer read(AddressSpace memory, long address, int length) {
        byte[] bytes = new byte[length];
        if (!memory.read(address, bytes, 0, length)) {
            throw new CfiFormatException(String.format("image bytes at 0x%x are not in the snapshot", address));
        }
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
