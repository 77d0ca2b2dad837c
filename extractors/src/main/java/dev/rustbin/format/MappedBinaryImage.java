package dev.rustbin.format;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * What every reader on a read-only mapping shares: the file and its bytes, symbols and file facts
 * computed once on first use, and unexpected parse failures turned into errors that name the file.
 */
public abstract class MappedBinaryImage implements BinaryImage {

    protected final MappedFile file;
    private final BinaryFormat format;
    private List<Symbol> symbols;
    private BinaryInfo info;

    protected MappedBinaryImage(MappedFile file, BinaryFormat format) {
        this.file = file;
        this.format = format;
    }

    /** Runs a reader's opening work; a failure it did not foresee becomes a {@link BinaryFormatException} naming the file. */
    protected static <T> T opening(MappedFile file, BinaryFormat format, Supplier<T> open) {
        try {
            return open.get();
        } catch (BinaryFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw corrupt(file, format, e);
        }
    }

    /** The same for work done after opening (symbols, facts, tables read on demand). */
    protected final <T> T guarded(Supplier<T> read) {
        return opening(file, format, read);
    }

    private static BinaryFormatException corrupt(MappedFile file, BinaryFormat format, RuntimeException e) {
        return new BinaryFormatException(file.path(), "corrupt " + format.displayName() + " (" + e + ")", e);
    }

    protected abstract List<Symbol> readSymbols();

    protected abstract BinaryInfo readInfo();

    @Override
    public final Path path() {
        return file.path();
    }

    @Override
    public final long fileSize() {
        return file.size();
    }

    @Override
    public final synchronized List<Symbol> symbols() {
        if (symbols == null) {
            symbols = guarded(this::readSymbols);
        }
        return symbols;
    }

    @Override
    public final synchronized BinaryInfo info() {
        if (info == null) {
            info = guarded(this::readInfo);
        }
        return info;
    }

    @Override
    public final ByteBuffer bytes(long fileOffset, long size) {
        return file.slice(fileOffset, size);
    }

    @Override
    public ByteBuffer contentOf(Section section) {
        return section.fileSize() > 0 ? file.slice(section.fileOffset(), section.fileSize(), "section " + section.name())
                : ByteBuffer.allocate(0);
    }

    @Override
    public final FileIdentity identity() {
        return file.identity();
    }

    @Override
    public final void verifyUnchanged() {
        file.verifyUnchanged();
    }

    @Override
    public void close() {
        // Windows still referenced by a reader stay valid; they are unmapped once unreachable.
        file.close();
    }
}
