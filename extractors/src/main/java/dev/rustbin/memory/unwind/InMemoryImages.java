package dev.rustbin.memory.unwind;

import dev.rustbin.memory.AddressSpace;
import java.util.ArrayList;
import java.util.List;

/** The in-memory images (the vdso) of one snapshot found so far, so each is parsed once. */
final class InMemoryImages {

    private final List<InMemoryImage> found = new ArrayList<>();

    /** The image holding {@code pc} in {@code memory} (the snapshot's), or null. */
    synchronized InMemoryImage at(AddressSpace memory, long pc) {
        for (InMemoryImage image : found) {
            if (image.contains(pc)) {
                return image;
            }
        }
        InMemoryImage image = memory.contains(pc, 1) ? InMemoryImage.find(memory, pc) : null;
        if (image != null) {
            found.add(image);
        }
        return image;
    }
}
