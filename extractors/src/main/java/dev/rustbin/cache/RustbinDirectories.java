package dev.rustbin.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * rustbin's own directories: $XDG_CACHE_HOME/rustbin, else ~/.cache/rustbin. Everything rustbin
 * writes (snapshot spill files, cached tables) goes there, never next to the user's files.
 */
public final class RustbinDirectories {

    private RustbinDirectories() {
    }

    public static Path cache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("rustbin");
    }

    /** Where live snapshots spill the memory they copy (files there are unlinked as soon as they are open). */
    public static Path snapshots() {
        return privateDirectory(cache().resolve("snapshots"));
    }

    /** Where cached tables are kept unless a connection says otherwise (created with the first entry). */
    public static Path tables() {
        return cache().resolve("tables");
    }

    /** Where tracked launches keep the pipe heaptrack writes to and their allocation events (deleted when the connection closes). */
    public static Path allocations() {
        return privateDirectory(cache().resolve("allocations"));
    }

    /** Creates the directory (readable by its owner only: it holds copies of process memory). */
    static Path privateDirectory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir.getParent());
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            return dir;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create rustbin's directory " + dir + " (" + e.getMessage() + ")", e);
        }
    }
}
