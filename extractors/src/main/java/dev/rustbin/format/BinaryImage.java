package dev.rustbin.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * A binary opened for reading, in format-neutral terms. Implementations memory-map the file and
 * compute each list once, on first use; {@link #bytes} serves file ranges from the mapping without copying.
 */
public interface BinaryImage extends AutoCloseable {

    Path path();

    long fileSize();

    /** The version of the file that was opened (what a cache of its rows is keyed by). */
    FileIdentity identity();

    BinaryInfo info();

    List<Section> sections();

    List<Segment> segments();

    List<Symbol> symbols();

    /** Libraries the binary asks the loader for (ELF DT_NEEDED, Mach-O LC_LOAD_DYLIB, PE import DLLs), in file order. */
    List<LinkedLibrary> libraries();

    /** Symbols the binary expects another binary to define. */
    List<Import> imports();

    /** Symbols the binary offers to other binaries. */
    List<Export> exports();

    /**
     * Where the format's own tables, apart from the symbol table, say a function begins: ELF
     * .eh_frame FDEs (but signal frames', which begin a byte early), Mach-O LC_FUNCTION_STARTS, PE
     * .pdata. Sorted and distinct; strip keeps them all.
     */
    default long[] functionStarts() {
        return new long[0];
    }

    /** A read-only view of {@code size} file bytes at {@code fileOffset}; the range was validated on open. */
    ByteBuffer bytes(long fileOffset, long size);

    /**
     * The pointer stored at a virtual address as the loader leaves it, after relative relocations
     * (a position-independent ELF keeps many pointers only as relocation addends). Empty when the
     * address is not backed by file bytes. This default reads the stored value as it is, which is
     * right for formats that keep link-time pointers in place (PE, classic Mach-O rebasing).
     */
    default OptionalLong pointerAt(long address) {
        int width = info().bits() / 8;
        for (Section s : sections()) {
            long offset = address - s.address();
            if (s.permissions().readable() && offset >= 0 && offset + width <= s.fileSize()) {
                ByteBuffer bytes = contentOf(s).order("big".equals(info().endianness()) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                return OptionalLong.of(width == 8 ? bytes.getLong((int) offset) : bytes.getInt((int) offset) & 0xffff_ffffL);
            }
        }
        return OptionalLong.empty();
    }

    /** The file bytes of a section; empty for sections without file bytes (.bss, zerofill). */
    default ByteBuffer contentOf(Section section) {
        return section.fileSize() > 0 ? bytes(section.fileOffset(), section.fileSize()) : ByteBuffer.allocate(0);
    }

    /**
     * Fails with a {@link BinaryFormatException} ("changed while being read") when the file is no
     * longer the version that was opened; a scan calls it when it has read a binary's rows.
     */
    void verifyUnchanged();

    @Override
    void close();
}
