package dev.rustbin.format;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The binaries of one connection. Images are opened on first use and kept while the file is
 * unchanged (same {@link FileIdentity}), so a warm connection does not re-parse a 150 MB binary for
 * every query. A file found in a directory is read through (its sections, segments, symbols,
 * libraries, imports and exports) when it is opened, so a problem that would otherwise surface
 * lazily in one table makes it an unreadable file for every table at once, and binary_files says why.
 */
public final class BinaryCatalog implements AutoCloseable {

    /** One open attempt: an image, or the failure (kept so a bad file is not re-parsed every query). */
    private record Cached(FileIdentity identity, BinaryImage image, BinaryFormatException failure) {
    }

    private final List<BinaryTarget> targets;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public BinaryCatalog(List<BinaryTarget> targets) {
        this.targets = List.copyOf(targets);
    }

    public static BinaryCatalog of(List<Path> named) {
        return new BinaryCatalog(BinaryTargets.resolve(named));
    }

    public List<BinaryTarget> targets() {
        return targets;
    }

    /** Opens (or reuses) every target; a named target that fails throws, a directory member becomes an error row. */
    public List<LoadedBinary> load() {
        List<LoadedBinary> loaded = new ArrayList<>(targets.size());
        for (BinaryTarget target : targets) {
            loaded.add(load(target));
        }
        return loaded;
    }

    public LoadedBinary load(BinaryTarget target) {
        return load(target, target.fromDirectory());
    }

    /**
     * Opens (or reuses) one target. With {@code lenient}, a file that cannot be read comes back with
     * its error instead of throwing.
     */
    public LoadedBinary load(BinaryTarget target, boolean lenient) {
        Cached opened = open(target);
        if (opened.failure() == null) {
            return new LoadedBinary(target, opened.image(), null, failure -> markFailed(target, opened, failure));
        }
        if (!lenient) {
            throw opened.failure();
        }
        return new LoadedBinary(target, null, opened.failure().getMessage());
    }

    private Cached open(BinaryTarget target) {
        Path path = target.path();
        FileIdentity identity;
        try {
            identity = FileIdentity.of(path);
        } catch (IOException e) {
            return new Cached(null, null, new BinaryFormatException(path, "cannot read file (" + e.getMessage() + ")", e));
        }
        return cache.compute(target.pathText(), (key, cached) -> {
            if (cached != null && identity.equals(cached.identity())) {
                return cached;
            }
            if (cached != null && cached.image() != null) {
                cached.image().close();
            }
            try {
                return new Cached(identity, opened(target), null);
            } catch (BinaryFormatException e) {
                return new Cached(identity, null, e);
            }
        });
    }

    private static BinaryImage opened(BinaryTarget target) {
        try {
            BinaryImage image = BinaryOpener.open(target.path(), target.slice());
            if (target.fromDirectory()) {
                readThrough(image);
            }
            return image;
        } catch (InternalError e) {
            if (MappingFaults.isFault(e)) {
                throw MappingFaults.changed(target.path(), e);
            }
            throw e;
        }
    }

    private static void readThrough(BinaryImage image) {
        image.info();
        image.sections();
        image.segments();
        image.symbols();
        image.libraries();
        image.imports();
        image.exports();
    }

    /** A directory member that failed lazily is from now on (until it changes) unreadable, like one that failed to open. */
    private void markFailed(BinaryTarget target, Cached opened, BinaryFormatException failure) {
        cache.computeIfPresent(target.pathText(), (key, cached) -> cached == opened ? new Cached(opened.identity(), null, failure) : cached);
    }

    @Override
    public void close() {
        cache.values().forEach(c -> {
            if (c.image() != null) {
                c.image().close();
            }
        });
        cache.clear();
    }
}
