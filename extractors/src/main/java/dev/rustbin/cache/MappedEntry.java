package dev.rustbin.cache;

import dev.rustbin.schema.BatchSource;
import dev.rustbin.schema.Column;
import dev.rustbin.schema.ScanProgress;
import dev.rustbin.schema.TableSchema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.ForeignAllocation;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TypeLayout;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.ArrowFooter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * One cache entry read back: the Arrow file is memory-mapped (copy-on-write, so nothing in this
 * process can change the file) and wrapped as a single Arrow buffer of the scan's allocator; each
 * record batch's buffers are slices of it, loaded into the scan's vectors without a copy or any
 * decoding. The mapping is unmapped as soon as the last slice is released, not when the garbage
 * collector gets to it.
 *
 * <p>{@link #open} serves nothing it has not checked: both Arrow magics, the end-of-stream marker,
 * the key, the length and CRC-32C of everything before the footer, the stored columns' names and
 * types against the table's definition, and every record batch's place and row count.
 */
final class MappedEntry implements BatchSource {

    private static final byte[] MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);

    /** An entry that must not be served; its file is deleted. */
    static final class Unusable extends Exception {
        Unusable(String why) {
            super(why);
        }
    }

    private final ArrowBuf whole;
    private final ByteBuffer mapped;
    private final List<ArrowBlock> blocks;
    private final VectorSchemaRoot root;
    /** Per scan column: the entry field holding it, and where that field's buffers start in a batch. */
    private final int[] fieldOf;
    private final int[] firstBuffer;
    private final int[] bufferCount;
    private int next;

    private MappedEntry(ArrowBuf whole, ByteBuffer mapped, List<ArrowBlock> blocks, VectorSchemaRoot root, int[] fieldOf,
                        int[] firstBuffer, int[] bufferCount) {
        this.whole = whole;
        this.mapped = mapped;
        this.blocks = blocks;
        this.root = root;
        this.fieldOf = fieldOf;
        this.firstBuffer = firstBuffer;
        this.bufferCount = bufferCount;
    }

    /** Maps and checks {@code file}, to deliver {@code projection}'s columns of {@code table}; the caller closes it. */
    static MappedEntry open(Path file, String key, TableSchema<?> table, int[] projection, BufferAllocator allocator)
            throws IOException, Unusable {
        MappedByteBuffer mapping;
        // copy-on-write needs a channel open for writing; the file itself is never written
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (size < 2 * 8 + 10 || size > Integer.MAX_VALUE) {
                throw new Unusable("size " + size);
            }
            mapping = channel.map(FileChannel.MapMode.PRIVATE, 0, size);
        }
        ByteBuffer bytes = mapping.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        ArrowBuf whole = allocator.wrapForeignAllocation(new Mapping(mapping));
        try {
            ArrowFooter footer = checkedFooter(bytes, key);
            List<Field> stored = footer.getSchema().getFields();
            Map<String, Integer> fieldIndex = new HashMap<>();
            int[] first = new int[stored.size()];
            int[] count = new int[stored.size()];
            int buffers = 0;
            for (int f = 0; f < stored.size(); f++) {
                Field field = stored.get(f);
                Column<?> column = table.columns().get(table.columnIndex(field.getName()));
                if (!column.field().equals(field) || fieldIndex.put(field.getName(), f) != null) {
                    throw new Unusable("stored column " + field + " is not the table's " + column.field());
                }
                first[f] = buffers;
                count[f] = TypeLayout.getTypeBufferCount(field.getType());
                buffers += count[f];
            }
            checkBlocks(bytes, footer, stored.size(), buffers);
            int[] fieldOf = new int[projection.length];
            for (int c = 0; c < projection.length; c++) {
                Integer f = fieldIndex.get(table.columns().get(projection[c]).name());
                if (f == null) {
                    throw new Unusable("no column " + table.columns().get(projection[c]).name());
                }
                fieldOf[c] = f;
            }
            int[] firstBuffer = new int[projection.length];
            int[] bufferCount = new int[projection.length];
            for (int c = 0; c < projection.length; c++) {
                firstBuffer[c] = first[fieldOf[c]];
                bufferCount[c] = count[fieldOf[c]];
            }
            VectorSchemaRoot root = VectorSchemaRoot.create(table.arrowSchema(projection), allocator);
            return new MappedEntry(whole, bytes, footer.getRecordBatches(), root, fieldOf, firstBuffer, bufferCount);
        } catch (Unusable | RuntimeException e) {
            whole.close();
            if (e instanceof Unusable unusable) {
                throw unusable;
            }
            throw new Unusable(e.toString());
        }
    }

    /** The footer, once the file's frame, key, length and checksum say the bytes are the ones written for {@code key}. */
    private static ArrowFooter checkedFooter(ByteBuffer bytes, String key) throws Unusable {
        int size = bytes.capacity();
        if (!startsWith(bytes, 0) || !startsWith(bytes, size - MAGIC.length)) {
            throw new Unusable("not an Arrow file");
        }
        int footerLength = bytes.getInt(size - MAGIC.length - 4);
        int footerStart = size - MAGIC.length - 4 - footerLength;
        if (footerLength <= 0 || footerStart < 16) {
            throw new Unusable("footer length " + footerLength);
        }
        ArrowFooter footer = new ArrowFooter(Footer.getRootAsFooter(bytes.slice(footerStart, footerLength).order(ByteOrder.LITTLE_ENDIAN)));
        Map<String, String> meta = footer.getMetaData();
        if (!key.equals(meta.get(EntryWriter.KEY))) {
            throw new Unusable("another key");
        }
        long length = Long.parseLong(meta.get(EntryWriter.LENGTH));
        if (length != footerStart - 8 || bytes.getInt((int) length) != -1 || bytes.getInt((int) length + 4) != 0) {
            throw new Unusable("truncated or extended");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes.slice(0, (int) length));
        if (crc.getValue() != Long.parseLong(meta.get(EntryWriter.CRC32C))) {
            throw new Unusable("checksum mismatch");
        }
        return footer;
    }

    private static boolean startsWith(ByteBuffer bytes, int at) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes.get(at + i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Every block is a record batch of {@code fields} columns inside the checksummed bytes, and their rows add up. */
    private static void checkBlocks(ByteBuffer bytes, ArrowFooter footer, int fields, int buffers) throws Unusable {
        long end = Long.parseLong(footer.getMetaData().get(EntryWriter.LENGTH));
        long rows = 0;
        for (ArrowBlock block : footer.getRecordBatches()) {
            if (block.getOffset() < 8 || block.getMetadataLength() <= 8 || block.getBodyLength() < 0
                    || block.getOffset() + block.getMetadataLength() + block.getBodyLength() > end) {
                throw new Unusable("record batch outside the file");
            }
            Message message = message(bytes, block);
            if (message.headerType() != MessageHeader.RecordBatch || message.bodyLength() != block.getBodyLength()) {
                throw new Unusable("not a record batch");
            }
            RecordBatch batch = (RecordBatch) message.header(new RecordBatch());
            if (batch.nodesLength() != fields || batch.buffersLength() != buffers) {
                throw new Unusable("record batch of another shape");
            }
            rows += batch.length();
        }
        if (!footer.getDictionaries().isEmpty() || rows != Long.parseLong(footer.getMetaData().get(EntryWriter.ROWS))) {
            throw new Unusable("row count");
        }
    }

    private static Message message(ByteBuffer bytes, ArrowBlock block) throws Unusable {
        int at = (int) block.getOffset();
        if (bytes.getInt(at) != -1) {
            throw new Unusable("message without its continuation marker");
        }
        return Message.getRootAsMessage(bytes.slice(at + 8, block.getMetadataLength() - 8).order(ByteOrder.LITTLE_ENDIAN));
    }

    @Override
    public boolean next() {
        if (next == blocks.size()) {
            return false;
        }
        ArrowBlock block = blocks.get(next++);
        ArrowBuf body = whole.slice(block.getOffset() + block.getMetadataLength(), block.getBodyLength());
        // the serializer releases the body it is given; the slices it makes hold their own references
        body.getReferenceManager().retain();
        try (ArrowRecordBatch batch = MessageSerializer.deserializeRecordBatch(message(mapped, block), body)) {
            List<FieldVector> vectors = root.getFieldVectors();
            for (int c = 0; c < fieldOf.length; c++) {
                vectors.get(c).loadFieldBuffers(batch.getNodes().get(fieldOf[c]),
                        batch.getBuffers().subList(firstBuffer[c], firstBuffer[c] + bufferCount[c]));
            }
            root.setRowCount(batch.getLength());
        } catch (IOException | Unusable e) {
            throw new IllegalStateException("cache entry changed after it was checked: " + e.getMessage(), e);
        }
        return true;
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    /** Reading back takes too little time to show progress for. */
    @Override
    public ScanProgress progress() {
        return null;
    }

    @Override
    public void close() {
        try {
            root.close();
        } finally {
            whole.close();
        }
    }

    /** The mapping as Arrow memory: unmapped when Arrow releases the last reference to it. */
    private static final class Mapping extends ForeignAllocation {
        private final MappedByteBuffer mapping;

        Mapping(MappedByteBuffer mapping) {
            super(mapping.capacity(), MemoryUtil.getByteBufferAddress(mapping));
            this.mapping = mapping;
        }

        @Override
        protected void release0() {
            MemoryUtil.UNSAFE.invokeCleaner(mapping);
        }
    }
}
