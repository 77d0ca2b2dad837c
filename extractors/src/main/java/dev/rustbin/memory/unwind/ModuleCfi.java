package dev.rustbin.memory.unwind;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.Section;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * The call frame information of one module: its {@code .eh_frame} (searched through
 * {@code .eh_frame_hdr} when the file has one) and {@code .debug_frame} from the file or from its
 * separate debug file. Looked up by static address (the module's own address space).
 */
final class ModuleCfi {

    /** ELF SHF_COMPRESSED: a zlib/zstd section we do not inflate (read as absent). */
    private static final long SHF_COMPRESSED = 0x800;

    static final ModuleCfi NONE = new ModuleCfi(null, null, List.of());

    private final CfiSection ehFrame;
    private final EhFrameHeader header;
    private final List<CfiSection> debugFrames;

    private ModuleCfi(CfiSection ehFrame, EhFrameHeader header, List<CfiSection> debugFrames) {
        this.ehFrame = ehFrame;
        this.header = header;
        this.debugFrames = debugFrames;
    }

    /** The .eh_frame of an image known only by its segments (the vdso, read from memory), searched through its header. */
    static ModuleCfi ofEhFrame(CfiSection ehFrame, EhFrameHeader header) {
        return new ModuleCfi(ehFrame, header, List.of());
    }

    /** Reads the section headers now; entries are parsed only when a lookup needs them. */
    static ModuleCfi of(BinaryImage image, BinaryImage debugImage) {
        if (image == null) {
            return NONE;
        }
        PointerEncoding pointers = new PointerEncoding(address(image, ".text"), address(image, ".got"), indirect(image));
        CfiSection ehFrame = section(image, ".eh_frame", CfiSection.Kind.EH_FRAME, pointers);
        EhFrameHeader header = null;
        Section hdr = find(image, ".eh_frame_hdr");
        if (ehFrame != null && hdr != null && usable(hdr)) {
            header = EhFrameHeader.parse(content(image, hdr), hdr.address(), pointers);
        }
        List<CfiSection> debugFrames = new ArrayList<>();
        for (BinaryImage img : new BinaryImage[] {image, debugImage}) {
            CfiSection debugFrame = img == null ? null : section(img, ".debug_frame", CfiSection.Kind.DEBUG_FRAME, pointers);
            if (debugFrame != null) {
                debugFrames.add(debugFrame);
            }
        }
        return new ModuleCfi(ehFrame, header, List.copyOf(debugFrames));
    }

    /** The FDE for a static pc: .eh_frame first (what the runtime itself uses), then .debug_frame. */
    FrameDescriptionEntry find(long pc) {
        if (ehFrame != null) {
            FrameDescriptionEntry fde = header != null ? fromHeader(pc) : ehFrame.find(pc);
            if (fde != null) {
                return fde;
            }
        }
        for (CfiSection debugFrame : debugFrames) {
            FrameDescriptionEntry fde = debugFrame.find(pc);
            if (fde != null) {
                return fde;
            }
        }
        return null;
    }

    private FrameDescriptionEntry fromHeader(long pc) {
        long fdeAddress = header.fdeAddressFor(pc);
        long offset = fdeAddress - ehFrame.address();
        if (fdeAddress == -1 || offset < 0 || offset >= ehFrame.size()) {
            return null;
        }
        FrameDescriptionEntry fde = ehFrame.fdeAt((int) offset);
        return fde != null && fde.covers(pc) ? fde : null;
    }

    private static CfiSection section(BinaryImage image, String name, CfiSection.Kind kind, PointerEncoding pointers) {
        Section s = find(image, name);
        return s != null && usable(s) ? new CfiSection(kind, content(image, s), s.address(), pointers) : null;
    }

    private static boolean usable(Section s) {
        return s.fileSize() > 0 && (s.flags() & SHF_COMPRESSED) == 0;
    }

    private static ByteBuffer content(BinaryImage image, Section s) {
        return image.contentOf(s).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static Section find(BinaryImage image, String name) {
        for (Section s : image.sections()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    private static long address(BinaryImage image, String name) {
        Section s = find(image, name);
        return s == null ? 0 : s.address();
    }

    private static LongUnaryOperator indirect(BinaryImage image) {
        return address -> image.pointerAt(address).orElse(0);
    }
}
