package dev.rustbin.memory;

import dev.rustbin.memory.alloc.AllocationRecording;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The snapshots of one connection, numbered from 1 in the order they were taken. They all stay
 * queryable until the connection closes, so two checkpoints can be compared with a join.
 */
public final class SnapshotRegistry implements AutoCloseable {

    private final AtomicLong nextId = new AtomicLong(1);
    private final List<SnapshotView> views = new CopyOnWriteArrayList<>();
    private final List<AllocationRecording> recordings = new CopyOnWriteArrayList<>();

    /** Takes ownership of {@code snapshot}, numbers it and returns its view. */
    public SnapshotView add(ProcessSnapshot snapshot) {
        SnapshotView view = new SnapshotView(snapshot.withId(nextId.getAndIncrement()));
        views.add(view);
        if (snapshot.allocations() != null && !recordings.contains(snapshot.allocations().recording())) {
            recordings.add(snapshot.allocations().recording());
        }
        return view;
    }

    /** The allocation recordings of the connection's tracked launches whose program is {@code binary}. */
    public List<AllocationRecording> recordingsOf(Path binary) {
        Path wanted = realPath(binary);
        return recordings.stream().filter(r -> wanted.equals(realPath(r.executable()))).toList();
    }

    public List<SnapshotView> all() {
        return List.copyOf(views);
    }

    /** The snapshots whose executable is {@code binary} (compared by real path, so links and relative names agree). */
    public List<SnapshotView> of(Path binary) {
        Path wanted = realPath(binary);
        List<SnapshotView> found = new ArrayList<>();
        for (SnapshotView view : views) {
            if (wanted.equals(view.binary())) {
                found.add(view);
            }
        }
        return found;
    }

    static Path realPath(Path path) {
        if (path == null) {
            return null;
        }
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (SnapshotView view : views) {
            try {
                view.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        views.clear();
        for (AllocationRecording recording : recordings) {
            try {
                recording.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        recordings.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
