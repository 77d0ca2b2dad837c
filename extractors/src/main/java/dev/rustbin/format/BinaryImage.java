package dev.rustbin.format;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * A binary opened for reading, in format-neutral terms. Implementations memory-map the file and
 * compute each list once, on first use; {@link #bytes} serves file ranges from the mapping without copying.
 */
public interface BinaryImage extends AutoCloseable {

    Path path();

    long fileSize();

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

    /** A read-only view of {@code size} file bytes at {@code fileOffset}; the range was validated on open. */
    ByteBuffer bytes(long fileOffset, long size);

    /** The file bytes of a section; empty for sections without file bytes (.bss, zerofill). */
    default ByteBuffer contentOf(Section section) {
        return section.fileSize() > 0 ? bytes(section.fileOffset(), section.fileSize()) : ByteBuffer.allocate(0);
    }

    @Override
    void close();
}
