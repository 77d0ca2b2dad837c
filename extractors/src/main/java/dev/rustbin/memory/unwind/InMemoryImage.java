package dev.rustbin.memory.unwind;

import dev.rustbin.memory.AddressSpace;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An ELF image the kernel maps without a file: the vdso, where a thread reading the clock stops.
 * It is found by its ELF header at a page boundary just below the pc, in the snapshot's memory,
 * and its CFI is read from there through PT_GNU_EH_FRAME (no section headers are needed).
 */
final class InMemoryImage {

    /** How the unwinder names frames in such an image: on Linux the only one is the vdso. */
    static final String NAME = "[vdso]";

    private static final int PAGE = 4096;
    private static final int MAX_PAGES_BELOW = 8;
    private static final long MAX_IMAGE_BYTES = 1 << 20;
    private static final int PT_LOAD = 1;
    private static final int PT_GNU_EH_FRAME = 0x6474e550;

    private final long start;
    private final long end;
    private final long bias;
    private final ModuleCfi cfi;

    private InMemoryImage(long start, long end, long bias, ModuleCfi cfi) {
        this.start = start;
        this.end = end;
        this.bias = bias;
        this.cfi = cfi;
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
                } catch (CfiFormatException e) {
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
        ByteBuffer image = read(memory, base, (int) (high - low));
        PointerEncoding pointers = new PointerEncoding(0, 0, a -> 0);
        EhFrameHeader hdr = EhFrameHeader.parse(image.slice((int) (hdrAddress - low), (int) hdrSize).order(ByteOrder.LITTLE_ENDIAN),
                hdrAddress, pointers);
        if (hdr == null || hdr.ehFrameAddress() < low || hdr.ehFrameAddress() >= high) {
            return null;
        }
        int ehFrameOffset = (int) (hdr.ehFrameAddress() - low);
        CfiSection ehFrame = new CfiSection(CfiSection.Kind.EH_FRAME,
                image.slice(ehFrameOffset, image.limit() - ehFrameOffset).order(ByteOrder.LITTLE_ENDIAN), hdr.ehFrameAddress(), pointers);
        return new InMemoryImage(base, base + (high - low), bias, ModuleCfi.ofEhFrame(ehFrame, hdr));
    }

    private static ByteBuffer read(AddressSpace memory, long address, int length) {
        byte[] bytes = new byte[length];
        if (!memory.read(address, bytes, 0, length)) {
            throw new CfiFormatException(String.format("image bytes at 0x%x are not in the snapshot", address));
        }
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
