package dev.rustbin.memory.reach;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.Segment;
import dev.rustbin.memory.AddressSpace;
import dev.rustbin.memory.MemoryMapping;
import dev.rustbin.memory.ProcessModules;
import dev.rustbin.memory.SnapshotView;
import dev.rustbin.memory.ThreadState;
import dev.rustbin.memory.heap.HeapChunk;
import dev.rustbin.memory.heap.HeapRange;
import dev.rustbin.memory.heap.HeapReport;
import dev.rustbin.memory.heap.HeapReport.Span;
import dev.rustbin.memory.regions.MappingClassifier;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the conservative scan starts, as memcheck's leak check sees a process: every general
 * register of every thread; each thread's stack from its stack pointer, less the 128-byte red zone
 * a leaf function may use, to the end of its stack mapping (what lies below is dead); the writable
 * data and bss of every module; each thread's static TLS and descriptor. Memory that only malloc
 * reads is left out, as memcheck (which replaces malloc) never sees it: main_arena, whose bins and
 * top point into free memory. Heap memory is never a root, even where the kernel merged a mapping
 * of it with the mapping of a stack or of TLS. Other anonymous mappings are not roots: glibc keeps
 * the stacks of exited threads there for reuse, whose stale words would keep what those threads leaked.
 *
 * <p>glibc places a thread's static TLS blocks just below its thread pointer and the thread
 * descriptor at it. For threads it creates both sit at the top of the thread's stack mapping, above
 * the stack pointer, so the stack range covers them; the part from the thread pointer less the
 * modules' TLS blocks is labelled tls. The main thread's come from ld.so's own early allocations,
 * in an anonymous mapping of their own: that whole mapping is a tls root. The stacks glibc keeps
 * for reuse keep their descriptors (listed from ld.so's data, still holding the exited thread's
 * dtv), and memcheck sees that top part as memory the program can reach: it is a tls root too, with
 * no thread, found by the descriptor's self pointers.
 */
final class RootSet {

    /** One range of root words. */
    record Range(RootKind kind, Long threadId, long start, long end) {
    }

    /** One register of a thread. */
    record Register(long threadId, String name, long value) {
    }

    /** x86_64 System V: leaf functions may keep data in the 128 bytes below the stack pointer. */
    private static final long RED_ZONE = 128;
    /** How far below the end of its memory glibc places a thread descriptor (struct pthread is 2304 bytes in 2.36). */
    private static final int DESCRIPTOR_SEARCH = 8192;
    /** glibc aligns struct pthread (and so the thread pointer) to 64 bytes. */
    private static final int DESCRIPTOR_ALIGNMENT = 64;

    private final List<Range> ranges;
    private final List<Register> registers;

    private RootSet(List<Range> ranges, List<Register> registers) {
        this.ranges = List.copyOf(ranges);
        this.registers = List.copyOf(registers);
    }

    List<Range> ranges() {
        return ranges;
    }

    List<Register> registers() {
        return registers;
    }

    static RootSet of(SnapshotView view) {
        List<MemoryMapping> mappings = view.snapshot().mappings();
        List<Span> excluded = excluded(view.heap());
        List<Range> ranges = new ArrayList<>();
        List<Register> registers = new ArrayList<>();
        Set<MemoryMapping> covered = new HashSet<>();
        long tlsBlocks = staticTlsBytes(view.modules());
        List<ThreadState> threads = view.snapshot().threads();
        for (ThreadState t : threads) {
            for (int r = 0; r < t.registers().length; r++) {
                registers.add(new Register(t.tid(), t.layout().names().get(r), t.registers()[r]));
            }
            MemoryMapping stack = view.snapshot().mappingAt(t.sp());
            if (stack == null || !stack.writable()) {
                continue;
            }
            covered.add(stack);
            long low = Math.max(stack.start(), t.sp() - RED_ZONE);
            long tp = t.threadPointer();
            long tls = stack.contains(tp) ? Math.max(low, tp - tlsBlocks) : stack.end();
            addPieces(ranges, RootKind.STACK, t.tid(), low, tls, excluded);
            addPieces(ranges, RootKind.TLS, t.tid(), tls, stack.end(), excluded);
        }
        for (int i = 0; i < mappings.size(); i++) {
            MemoryMapping m = mappings.get(i);
            if (m.writable() && !covered.contains(m) && MappingClassifier.typeOf(view, i).equals("global")) {
                covered.add(m);
                addPieces(ranges, RootKind.STATIC, null, m.start(), m.end(), excluded);
            }
        }
        for (ThreadState t : threads) {
            MemoryMapping m = view.snapshot().mappingAt(t.threadPointer());
            if (m != null && m.writable() && covered.add(m)) {
                addPieces(ranges, RootKind.TLS, t.tid(), m.start(), m.end(), excluded);
            }
        }
        for (MemoryMapping m : mappings) {
            if (!m.writable() || m.isFile() || covered.contains(m)) {
                continue;
            }
            for (Span piece : pieces(m.start(), m.end(), excluded)) {
                long descriptor = exitedThreadDescriptor(view.snapshot().memory(), piece);
                if (descriptor != 0) {
                    ranges.add(new Range(RootKind.TLS, null, Math.max(piece.start(), descriptor - tlsBlocks), piece.end()));
                }
            }
        }
        return new RootSet(ranges, registers);
    }

    /** What no root may include, in address order: malloc's own state, the arenas' heaps and the chunks mmapped on their own. */
    private static List<Span> excluded(HeapReport heap) {
        List<Span> spans = new ArrayList<>(heap.allocatorState());
        for (var arena : heap.arenas()) {
            for (HeapRange h : arena.heaps()) {
                spans.add(new Span(h.start(), h.end()));
            }
        }
        for (HeapChunk c : heap.mmappedChunks()) {
            spans.add(new Span(c.chunkAddress(), c.chunkAddress() + c.chunkSize()));
        }
        spans.sort(Comparator.comparing(Span::start, Long::compareUnsigned));
        return spans;
    }

    /** The parts of {@code [start, end)} outside every excluded span. */
    private static List<Span> pieces(long start, long end, List<Span> excluded) {
        List<Span> pieces = new ArrayList<>();
        long from = start;
        for (Span s : excluded) {
            if (Long.compareUnsigned(s.end(), from) <= 0 || Long.compareUnsigned(s.start(), end) >= 0) {
                continue;
            }
            if (Long.compareUnsigned(s.start(), from) > 0) {
                pieces.add(new Span(from, s.start()));
            }
            from = Long.compareUnsigned(s.end(), from) > 0 ? s.end() : from;
        }
        if (Long.compareUnsigned(from, end) < 0) {
            pieces.add(new Span(from, end));
        }
        return pieces;
    }

    private static void addPieces(List<Range> ranges, RootKind kind, Long thread, long start, long end, List<Span> excluded) {
        for (Span piece : pieces(start, end, excluded)) {
            ranges.add(new Range(kind, thread, piece.start(), piece.end()));
        }
    }

    /**
     * The thread pointer of a descriptor at the top of {@code piece}, or 0: on x86_64 the descriptor
     * starts with tcbhead_t, whose tcb (offset 0) and self (offset 16) fields both hold its own address.
     */
    private static long exitedThreadDescriptor(AddressSpace memory, Span piece) {
        int length = (int) Math.min(piece.end() - piece.start(), DESCRIPTOR_SEARCH);
        long from = piece.end() - length;
        byte[] bytes = new byte[length];
        if (!memory.read(from, bytes, 0, length)) {
            return 0;
        }
        ByteBuffer words = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (long x = (piece.end() - 24) & -DESCRIPTOR_ALIGNMENT; Long.compareUnsigned(x, from) >= 0; x -= DESCRIPTOR_ALIGNMENT) {
            int at = (int) (x - from);
            if (words.getLong(at) == x && words.getLong(at + 16) == x) {
                return x;
            }
        }
        return 0;
    }

    /** What the loaded modules' PT_TLS blocks take below the thread pointer, each at its alignment. */
    private static long staticTlsBytes(ProcessModules modules) {
        long total = 0;
        for (ProcessModules.Module m : modules.modules()) {
            BinaryImage image = m.image();
            if (image == null) {
                continue;
            }
            for (Segment s : image.segments()) {
                if ("TLS".equals(s.type())) {
                    long alignment = Math.max(1, s.alignment());
                    total += (s.memorySize() + alignment - 1) / alignment * alignment;
                }
            }
        }
        return total;
    }
}
