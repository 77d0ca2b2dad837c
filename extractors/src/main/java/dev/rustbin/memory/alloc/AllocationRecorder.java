package dev.rustbin.memory.alloc;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import dev.rustbin.memory.ProcessModules;
import dev.rustbin.memory.SnapshotException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * Records the allocations of one launched program: the program runs with heaptrack's preload
 * library writing its event stream into a named pipe in rustbin's cache directory, and a thread of
 * ours reads it while the program runs, keeping the backtrace tree and the live allocations and
 * appending every event to the recording's Arrow file. Memory stays bounded by the live
 * allocations and the distinct backtraces, whatever the number of events.
 */
public final class AllocationRecorder implements HeaptrackParser.Listener, AutoCloseable {

    private static final int PIPE_BYTES = 1 << 20;
    private static final long IDLE_NANOS = 200_000;
    /** How long the reader goes on once the program has exited (a forked child may still hold the pipe open). */
    private static final long DRAIN_NANOS = 5_000_000_000L;

    private final Path preload;
    private final Path fifo;
    private final Path eventsFile;
    private final long startedAtNanos;
    private int readFd = -1;
    private int keepaliveFd = -1;
    private final EventLog.Writer events;
    private final HeaptrackParser parser = new HeaptrackParser(this);
    private final TraceTree tree = new TraceTree();
    private final LiveAllocations live = new LiveAllocations();
    private final BitSet allocationNodes = new BitSet();
    private final List<ProcessModules.LoadedModule> modules = new ArrayList<>();
    private final List<AllocationCut> openCuts = new ArrayList<>();
    private final Thread reader;
    private ReallocCallers reallocCallers;
    private Path executable;
    private long consumed;
    private long eventLines;
    private long elapsedMillis;
    private long rows;
    private long pendingFree = -1;
    private long pendingFreeSequence;
    private volatile boolean finishing;
    private volatile long drainDeadline;
    private volatile RuntimeException failure;
    private boolean finished;
    private AllocationRecording recording;

    private AllocationRecorder(Path preload, Path directory) {
        this.preload = preload;
        String name = "allocations-" + UUID.randomUUID();
        this.fifo = directory.resolve(name + ".fifo");
        this.eventsFile = directory.resolve(name + ".arrow");
        Instant now = Instant.now();
        this.startedAtNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        try {
            FifoCalls.INSTANCE.mkfifo(fifo.toString(), 0600);
            // Non-blocking, so opening does not wait for a writer; our own writer end keeps the pipe from reading as ended before the program opens it.
            readFd = FifoCalls.INSTANCE.open(fifo.toString(), FifoCalls.O_RDONLY | FifoCalls.O_NONBLOCK | FifoCalls.O_CLOEXEC);
            keepaliveFd = FifoCalls.INSTANCE.open(fifo.toString(), FifoCalls.O_WRONLY | FifoCalls.O_NONBLOCK | FifoCalls.O_CLOEXEC);
            try {
                FifoCalls.INSTANCE.fcntl(readFd, FifoCalls.F_SETPIPE_SZ, PIPE_BYTES);
            } catch (LastErrorException e) {
                // a smaller pipe only makes the program wait for us more often
            }
        } catch (LastErrorException e) {
            closeReader();
            deleteQuietly(fifo);
            throw new SnapshotException(fifo + ": cannot create the pipe heaptrack writes to (" + e.getMessage() + ")", e);
        }
        this.events = new EventLog.Writer(eventsFile);
        this.reader = new Thread(this::readLoop, "rustbin-allocations");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts recording for a program about to be launched.
     *
     * @param preload   heaptrack's preload library (see {@link HeaptrackPreload})
     * @param directory rustbin's cache directory: the pipe and the events file go there
     */
    public static AllocationRecorder start(Path preload, Path directory) {
        return new AllocationRecorder(preload, directory);
    }

    /** What the program's environment needs so heaptrack records into this recorder. */
    public Map<String, String> environment() {
        return Map.of("LD_PRELOAD", preload.toString(), "DUMP_HEAPTRACK_OUTPUT", fifo.toString());
    }

    /**
     * Marks where a snapshot falls in the stream; call it with every thread of the program stopped,
     * right before the snapshot is taken.
     */
    public AllocationCut cut(int pid) {
        synchronized (parser) {
            IntByReference unread = new IntByReference();
            try {
                FifoCalls.INSTANCE.ioctl(readDescriptor(), FifoCalls.FIONREAD, unread);
            } catch (LastErrorException e) {
                unread.setValue(0);
            }
            AllocationCut cut = new AllocationCut(this, consumed + unread.getValue(), HeaptrackOutput.descriptorOf(pid, fifo), eventLines);
            openCuts.add(cut);
            return cut;
        }
    }

    /** Once the program has exited: reads what is left, closes the events file, and returns the recording. */
    public synchronized AllocationRecording finish() {
        if (finished) {
            if (recording == null) {
                throw failure;
            }
            return recording;
        }
        finished = true;
        closeKeepalive();
        drainDeadline = System.nanoTime() + DRAIN_NANOS;
        finishing = true;
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (parser) {
            flushPendingFree();
            forgetReallocCallers();
            openCuts.clear();
            events.close();
            closeReader();
            deleteQuietly(fifo);
            if (failure == null && reader.isAlive()) {
                failure = new SnapshotException(fifo + ": interrupted while reading heaptrack's last events");
            }
            if (failure != null) {
                deleteQuietly(eventsFile);
                throw failure;
            }
            recording = new AllocationRecording(eventsFile, tree, List.copyOf(modules), executable, startedAtNanos, rows, eventLines,
                    allocationNodes);
        }
        return recording;
    }

    AllocationRecording recording() {
        if (recording == null) {
            throw new IllegalStateException("the allocation recording is still running");
        }
        return recording;
    }

    /** Abandons a recording that will not be finished (the launch failed): its files are deleted. */
    @Override
    public synchronized void close() {
        if (finished) {
            return;
        }
        try {
            finish().close();
        } catch (RuntimeException e) {
            deleteQuietly(eventsFile);
        }
    }

    private void readLoop() {
        Memory buffer = new Memory(PIPE_BYTES);
        byte[] bytes = new byte[PIPE_BYTES];
        try {
            while (!(finishing && System.nanoTime() > drainDeadline)) {
                long n;
                try {
                    n = FifoCalls.INSTANCE.read(readFd, buffer, PIPE_BYTES);
                } catch (LastErrorException e) {
                    if (e.getErrorCode() != FifoCalls.EAGAIN) {
                        throw new SnapshotException(fifo + ": cannot read heaptrack's output (" + e.getMessage() + ")", e);
                    }
                    LockSupport.parkNanos(IDLE_NANOS);
                    continue;
                }
                if (n == 0) {
                    return;
                }
                buffer.read(0, bytes, 0, (int) n);
                synchronized (parser) {
                    for (AllocationCut cut : openCuts) {
                        cut.bytes(consumed, bytes, 0, (int) n);
                    }
                    consumed += n;
                    parser.feed(bytes, 0, (int) n);
                }
            }
        } catch (RuntimeException e) {
            failure = e;
            // With no reader left, heaptrack's next write fails and it stops recording, instead of the program waiting on a full pipe.
            closeReader();
        }
    }

    private synchronized int readDescriptor() {
        return readFd;
    }

    private synchronized void closeReader() {
        if (readFd >= 0) {
            FifoCalls.INSTANCE.close(readFd);
            readFd = -1;
        }
    }

    private void closeKeepalive() {
        if (keepaliveFd >= 0) {
            FifoCalls.INSTANCE.close(keepaliveFd);
            keepaliveFd = -1;
        }
    }

    @Override
    public void modulesReset() {
        modules.clear();
        forgetReallocCallers();
    }

    @Override
    public void module(String file, long bias, long[] segments) {
        Path path = file.equals("x") ? executable : file.startsWith("/") ? Path.of(file) : null;
        if (path != null) {
            modules.add(new ProcessModules.LoadedModule(path, bias, segments));
        }
        forgetReallocCallers();
    }

    @Override
    public void executable(String path) {
        executable = Path.of(path);
    }

    @Override
    public void trace(long ip, int parent) {
        tree.add(ip, parent);
    }

    @Override
    public void alloc(long size, int node, long pointer) {
        long sequence = eventLines++;
        allocationNodes.set(node);
        if (pendingFree != -1 && reallocs(node)) {
            long previous = pendingFree;
            pendingFree = -1;
            live.remove(previous);
            events.add(sequence, elapsedMillis, AllocationEvent.Kind.REALLOC, pointer, size, node, previous);
        } else {
            flushPendingFree();
            events.add(sequence, elapsedMillis, AllocationEvent.Kind.ALLOC, pointer, size, node, 0);
        }
        rows++;
        live.put(pointer, size, node);
    }

    @Override
    public void free(long pointer) {
        flushPendingFree();
        pendingFree = pointer;
        pendingFreeSequence = eventLines++;
    }

    @Override
    public void elapsed(long millis) {
        flushPendingFree();
        elapsedMillis = millis;
    }

    @Override
    public void lineEnd(long offset) {
        if (openCuts.isEmpty()) {
            return;
        }
        for (int i = openCuts.size() - 1; i >= 0; i--) {
            AllocationCut cut = openCuts.get(i);
            cut.lineEnd(offset, eventLines);
            if (!cut.open(offset)) {
                openCuts.remove(i);
            }
        }
    }

    /**
     * heaptrack writes a realloc as a free of the old block right before the new block's allocation,
     * like a free followed by a malloc; the allocation's innermost frame tells them apart: it is the
     * function that called realloc.
     */
    private boolean reallocs(int node) {
        if (reallocCallers == null) {
            reallocCallers = new ReallocCallers(ProcessModules.ofLoaded(List.copyOf(modules)));
        }
        return tree.contains(node) && reallocCallers.callsRealloc(tree.ip(node));
    }

    private void forgetReallocCallers() {
        if (reallocCallers != null) {
            reallocCallers.close();
            reallocCallers = null;
        }
    }

    private void flushPendingFree() {
        if (pendingFree == -1) {
            return;
        }
        int slot = live.find(pendingFree);
        long size = slot < 0 ? 0 : live.sizeAt(slot);
        int node = slot < 0 ? 0 : live.traceAt(slot);
        live.remove(pendingFree);
        events.add(pendingFreeSequence, elapsedMillis, AllocationEvent.Kind.FREE, pendingFree, size, node, 0);
        rows++;
        pendingFree = -1;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover in rustbin's own cache directory is harmless
        }
    }
}
