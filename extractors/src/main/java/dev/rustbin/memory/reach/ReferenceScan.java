package dev.rustbin.memory.reach;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Streams the pointers to live chunks, source by source (registers, root ranges, then each chunk in
 * walk order), each source read in pieces of at most 1 MiB: only one piece's pointers are held at a
 * time, in primitive arrays, however many pointers a chunk of a 1 GB heap holds.
 */
final class ReferenceScan implements Iterator<HeapReference>, WordReader.WordVisitor {

    private static final int PIECE = WordReader.BLOCK;

    private final HeapGraph graph;
    private final ChunkIndex index;
    private final ReferenceFilter filter;
    private final WordReader reader;
    private final Iterator<RootSet.Register> registers;
    private final Iterator<RootSet.Range> ranges;
    private int nextChunk;

    private RootKind sourceKind;
    private Long sourceThread;
    private int sourceChunk = -1;
    private long position;
    private long sourceEnd;

    private final long[] hitAddress = new long[PIECE / 8];
    private final long[] hitValue = new long[PIECE / 8];
    private final int[] hitChunk = new int[PIECE / 8];
    private int hits;
    private int taken;
    private HeapReference next;

    ReferenceScan(HeapGraph graph, ChunkIndex index, ReferenceFilter filter) {
        this.graph = graph;
        this.index = index;
        this.filter = filter;
        this.reader = graph.reader(PIECE);
        this.registers = graph.roots().registers().stream().filter(r -> filter.wants(RootKind.REGISTER)).iterator();
        this.ranges = graph.roots().ranges().stream().filter(r -> filter.wants(r.kind())).iterator();
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            if (taken < hits) {
                next = fromWord(taken++);
            } else if (registers.hasNext()) {
                next = fromRegister(registers.next());
            } else if (Long.compareUnsigned(position, sourceEnd) < 0) {
                scanPiece();
            } else if (!nextSource()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public HeapReference next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        HeapReference reference = next;
        next = null;
        return reference;
    }

    private HeapReference fromRegister(RootSet.Register r) {
        int to = index.indexOf(r.value());
        return to < 0 ? null : new HeapReference(RootKind.REGISTER, r.threadId(), r.name(), null, -1, null,
                to, index.start(to), r.value() - index.start(to));
    }

    private HeapReference fromWord(int hit) {
        int to = hitChunk[hit];
        long toStart = index.start(to);
        return new HeapReference(sourceKind, sourceThread, null, hitAddress[hit], sourceChunk,
                sourceChunk < 0 ? null : index.start(sourceChunk), to, toStart, hitValue[hit] - toStart);
    }

    private boolean nextSource() {
        if (ranges.hasNext()) {
            RootSet.Range r = ranges.next();
            begin(r.kind(), r.threadId(), -1, r.start(), r.end());
            return true;
        }
        while (nextChunk < index.size()) {
            int chunk = nextChunk++;
            if (graph.scanned(chunk) && filter.wantsChunk(index.start(chunk))) {
                begin(null, null, chunk, index.start(chunk), index.end(chunk));
                return true;
            }
        }
        return false;
    }

    private void begin(RootKind kind, Long thread, int chunk, long start, long end) {
        sourceKind = kind;
        sourceThread = thread;
        sourceChunk = chunk;
        position = start;
        sourceEnd = end;
    }

    private void scanPiece() {
        hits = 0;
        taken = 0;
        long end = Long.compareUnsigned(sourceEnd - position, PIECE) > 0 ? position + PIECE : sourceEnd;
        reader.forEachWord(position, end, this);
        position = end;
    }

    @Override
    public void word(long address, long value) {
        int to = index.indexOf(value);
        if (to >= 0) {
            hitAddress[hits] = address;
            hitValue[hits] = value;
            hitChunk[hits] = to;
            hits++;
        }
    }
}
