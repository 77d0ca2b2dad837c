package dev.rustbin.format;

import java.nio.file.Path;
import java.util.List;

/** Child JVM of {@link UnreadableMemberTest}, run as another user: prints each file of a directory and its error. */
public final class DirectoryListingMain {

    public static void main(String[] args) {
        try (BinaryCatalog catalog = BinaryCatalog.of(List.of(Path.of(args[0])))) {
            for (LoadedBinary binary : catalog.load()) {
                System.out.println(binary.path().getFileName() + "\t" + binary.error());
            }
        }
    }
}
