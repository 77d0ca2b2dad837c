package dev.rustbin.memory.alloc;

import dev.rustbin.memory.ProcessModules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;

/**
 * The finished allocation recording of one launched program: its events file (Arrow IPC in rustbin's
 * cache directory, deleted on close), its backtrace tree and the modules its backtraces point into.
 */
public final class AllocationRecording implements AutoCloseable {

    private final Path eventsFile;
    private final TraceTree tree;
    private final List<ProcessModules.LoadedModule> modules;
    private final Path executable;
    private final long startedAtNanos;
    private final long rows;
    private final long eventLines;
    private final BitSet allocationNodes;
    private Backtraces backtraces;

    AllocationRecording(Path eventsFile, TraceTree tree, List<ProcessModules.LoadedModule> modules, Path executable, long startedAtNanos,
                        long rows, long eventLines, BitSet allocationNodes) {
        this.eventsFile = eventsFile;
        this.tree = tree;
        this.modules = modules;
        this.executable = executable;
        this.startedAtNanos = startedAtNanos;
        this.rows = rows;
        this.eventLines = eventLines;
        this.allocationNodes = allocationNodes;
    }

    /** The program heaptrack reported (its /proc/self/exe), or null when the stream never named it. */
    public Path executable() {
        return executable;
    }

    /** When recording began (just before the program started), in ns since the epoch. */
    public long startedAtNanos() {
        return startedAtNanos;
    }

    /** Rows of {@link #events()}: allocations, frees and reallocs (a realloc is one row). */
    public long rows() {
        return rows;
    }

    /** heaptrack's allocation and free lines (a realloc counts two): the range of {@link AllocationEvent#sequence()}. */
    public long eventLines() {
        return eventLines;
    }

    public TraceTree tree() {
        return tree;
    }

    /** The nodes some allocation's backtrace ends in. */
    public BitSet allocationNodes() {
        return (BitSet) allocationNodes.clone();
    }

    public Iterator<AllocationEvent> events() {
        return EventLog.read(eventsFile, this);
    }

    /** The events file (for tests and for users who read it with other Arrow tools while the connection is open). */
    public Path eventsFile() {
        return eventsFile;
    }

    /** Symbolized backtraces, with inlined calls and source lines from the modules' DWARF; opened on first use. */
    public synchronized Backtraces backtraces() {
        if (backtraces == null) {
            backtraces = new Backtraces(tree, ProcessModules.ofLoaded(modules));
        }
        return backtraces;
    }

    /** The allocations live after the first {@code sequence} event lines, replayed from the events file. */
    LiveAllocations liveBefore(long sequence) {
        LiveAllocations live = new LiveAllocations();
        for (Iterator<AllocationEvent> it = events(); it.hasNext(); ) {
            AllocationEvent e = it.next();
            if (e.sequence() >= sequence) {
                break;
            }
            switch (e.kind()) {
                case ALLOC -> live.put(e.pointer(), e.size(), e.trace());
                case FREE -> live.remove(e.pointer());
                case REALLOC -> {
                    live.remove(e.previousPointer());
                    live.put(e.pointer(), e.size(), e.trace());
                }
            }
        }
        return live;
    }

    @Override
    public synchronized void close() {
        try {
            if (backtraces != null) {
                backtraces.close();
            }
        } finally {
            try {
                Files.deleteIfExists(eventsFile);
            } catch (IOException ignored) {
                // a leftover in rustbin's own cache directory is harmless
            }
        }
    }
}
