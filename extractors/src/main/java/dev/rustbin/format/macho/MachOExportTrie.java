package dev.rustbin.format.macho;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.ByteFields;
import dev.rustbin.format.Export;
import dev.rustbin.format.FileView;
import dev.rustbin.format.LinkedLibrary;
import dev.rustbin.format.MappedFile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * dyld's export trie (LC_DYLD_INFO's export_off, or LC_DYLD_EXPORTS_TRIE): what other images bind
 * to, which a stripped executable no longer lists in its symbol table. Each node holds an optional
 * export (flags, then an address relative to the image base, or a re-export's library ordinal and
 * name) and edges labelled with the next part of the name. Exports come out in llvm-objdump
 * --exports-trie's order: depth first, children in stored order, each node after its children.
 */
final class MachOExportTrie {

    private static final int KIND_MASK = 0x03;
    private static final int KIND_ABSOLUTE = 0x02;
    private static final int REEXPORT = 0x08;

    private final MappedFile file;
    private final FileView view;
    private final long start;
    private final long end;

    private MachOExportTrie(MappedFile file, FileView view, long offset, long size) {
        file.require(offset, size, "export trie");
        this.file = file;
        this.view = view;
        this.start = offset;
        this.end = offset + size;
    }

    /** A node being visited: its export (or null), its children and how many of them are done. */
    private static final class Frame {
        final Export export;
        final List<Long> children = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        int next;

        Frame(Export export) {
            this.export = export;
        }
    }

    static List<Export> read(MappedFile file, FileView view, long offset, long size, long imageBase, List<LinkedLibrary> libraries) {
        return size == 0 ? List.of() : new MachOExportTrie(file, view, offset, size).exports(imageBase, libraries);
    }

    private List<Export> exports(long imageBase, List<LinkedLibrary> libraries) {
        List<Export> out = new ArrayList<>();
        Set<Long> visited = new HashSet<>();
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(frame(start, "", imageBase, libraries, visited));
        while (!stack.isEmpty()) {
            Frame top = stack.peek();
            if (top.next < top.children.size()) {
                int i = top.next++;
                stack.push(frame(top.children.get(i), top.names.get(i), imageBase, libraries, visited));
            } else {
                stack.pop();
                if (top.export != null) {
                    out.add(top.export);
                }
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Reads the node at {@code node}, whose path spells {@code name}. */
    private Frame frame(long node, String name, long imageBase, List<LinkedLibrary> libraries, Set<Long> visited) {
        if (!visited.add(node)) {
            throw corrupt(node, "is reached twice (the trie has a cycle or shared node)");
        }
        long[] at = {node};
        long terminalSize = uleb(at);
        long childrenAt = at[0] + terminalSize;
        Frame frame = new Frame(terminalSize > 0 ? export(name, at, imageBase, libraries) : null);
        at[0] = childrenAt;
        int count = u8(at);
        for (int i = 0; i < count; i++) {
            String label = cString(at);
            long child = uleb(at);
            if (child >= end - start) {
                throw corrupt(node, "has an edge to 0x" + Long.toHexString(child) + ", past the trie's end");
            }
            frame.children.add(start + child);
            frame.names.add(name + label);
        }
        return frame;
    }

    private Export export(String name, long[] at, long imageBase, List<LinkedLibrary> libraries) {
        long flags = uleb(at);
        if ((flags & REEXPORT) != 0) {
            long ordinal = uleb(at);
            String imported = cString(at);
            String library = ordinal >= 1 && ordinal <= libraries.size() ? libraries.get((int) ordinal - 1).name() : "library " + ordinal;
            return new Export(name, 0, null, library + "." + (imported.isEmpty() ? name : imported));
        }
        long value = uleb(at);
        return new Export(name, (flags & KIND_MASK) == KIND_ABSOLUTE ? value : imageBase + value, null, null);
    }

    private int u8(long[] at) {
        require(at[0] + 1, at[0]);
        return ByteFields.u8(view, at[0]++);
    }

    private long uleb(long[] at) {
        long value = 0;
        int shift = 0;
        long from = at[0];
        while (true) {
            require(at[0] + 1, from);
            byte b = view.get(at[0]++);
            if (shift > 63) {
                throw corrupt(from, "holds a ULEB128 number longer than 64 bits");
            }
            value |= (long) (b & 0x7f) << shift;
            shift += 7;
            if (b >= 0) {
                return value;
            }
        }
    }

    private String cString(long[] at) {
        long p = at[0];
        while (p < end && view.get(p) != 0) {
            p++;
        }
        require(p + 1, at[0]);
        String text = ByteFields.cString(view, at[0], p);
        at[0] = p + 1;
        return text;
    }

    private void require(long limit, long where) {
        if (limit > end) {
            throw corrupt(where, "runs past the end of the export trie");
        }
    }

    private BinaryFormatException corrupt(long where, String problem) {
        return new BinaryFormatException(file.path(), "export trie node at file offset 0x" + Long.toHexString(where) + " " + problem);
    }
}
