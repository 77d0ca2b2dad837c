package dev.rustbin.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * What tells one version of a file from another without reading it: size, modification time (at
 * the file system's full precision) and the file's key (device and inode on Unix, so a file
 * replaced by another one under the same name differs even at the same size and time).
 */
public record FileIdentity(long size, FileTime modified, Object key) {

    public static FileIdentity of(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        return new FileIdentity(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
    }

    /** How {@code now} differs from this version, for an error message; null when it does not. */
    public String differenceTo(FileIdentity now) {
        if (!Objects.equals(key, now.key)) {
            return "replaced by another file";
        }
        if (size != now.size) {
            return "size went from " + size + " to " + now.size + " bytes";
        }
        if (!modified.equals(now.modified)) {
            return "modified at " + now.modified;
        }
        return null;
    }
}
