package dev.rustbin.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The binaries of one connection. Images are opened on first use and kept while the file is
 * unchanged (same size and modification time), so a warm connection does not re-parse a 150 MB
 * binary for every query.
 */
public final class BinaryCatalog implements AutoCloseable {

    /** One open attempt: an image, or the failure (kept so a bad file is not re-parsed every query). */
    private record Cached(long size, long modified, BinaryImage image, BinaryFormatException failure) {
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
            return new LoadedBinary(target, opened.image(), null);
        }
        if (!lenient) {
            throw opened.failure();
        }
        return new LoadedBinary(target, null, opened.failure().getMessage());
    }

    private Cached open(BinaryTarget target) {
        Path path = target.path();
        long size;
        long modified;
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            size = attributes.size();
            modified = attributes.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return new Cached(-1, -1, null, new BinaryFormatException(path, "cannot read file (" + e.getMessage() + ")", e));
        }
        return cache.compute(target.pathText(), (key, cached) -> {
            if (cached != null && cached.size() == size && cached.modified() == modified) {
                return cached;
            }
            if (cached != null && cached.image() != null) {
                cached.image().close();
            }
            try {
                return new Cached(size, modified, BinaryOpener.open(path, target.slice()), null);
            } catch (BinaryFormatException e) {
                return new Cached(size, modified, null, e);
            }
        });
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
