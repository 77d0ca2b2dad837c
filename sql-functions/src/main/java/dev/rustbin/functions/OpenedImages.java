package dev.rustbin.functions;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryOpener;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Images that SQL functions taking a path open, kept open for the next call (a query calls them
 * once per row) and reopened when the file changed. A few at a time; the least recently used closes.
 */
final class OpenedImages {

    private static final int KEPT = 8;

    private final Map<Path, BinaryImage> images = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, BinaryImage> eldest) {
            if (size() > KEPT) {
                eldest.getValue().close();
                return true;
            }
            return false;
        }
    };

    synchronized BinaryImage get(Path path) {
        BinaryImage image = images.get(path);
        if (image != null) {
            try {
                image.verifyUnchanged();
                return image;
            } catch (BinaryFormatException changed) {
                images.remove(path);
                image.close();
            }
        }
        image = BinaryOpener.open(path);
        images.put(path, image);
        return image;
    }
}
