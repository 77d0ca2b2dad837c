package dev.rustbin.memory.unwind;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.Section;
import dev.rustbin.memory.AddressSpace;
import dev.rustbin.memory.ProcessModules;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Reads code at a runtime address: from the snapshot when it captured the bytes, else from the
 * module's file (cores from gcore usually leave unmodified text out).
 */
public final class CodeBytes {

    private final ProcessModules modules;
    private final AddressSpace memory;

    CodeBytes(ProcessModules modules, AddressSpace memory) {
        this.modules = modules;
        this.memory = memory;
    }

    /** Code read from the modules' files only, for addresses recorded outside any snapshot. */
    public static CodeBytes fromFiles(ProcessModules modules) {
        return new CodeBytes(modules, new AddressSpace() {
            @Override
            public boolean read(long address, byte[] target, int offset, int length) {
                return false;
            }

            @Override
            public boolean contains(long address, long length) {
                return false;
            }
        });
    }

    public boolean read(long address, byte[] target) {
        if (memory.read(address, target, 0, target.length)) {
            return true;
        }
        Optional<ProcessModules.Module> module = modules.moduleAt(address);
        BinaryImage image = module.map(ProcessModules.Module::image).orElse(null);
        if (image == null) {
            return false;
        }
        long at = module.get().staticAddress(address);
        List<Section> sections;
        try {
            sections = image.sections();
        } catch (BinaryFormatException e) {
            return false;
        }
        for (Section s : sections) {
            long offset = at - s.address();
            if (s.fileSize() > 0 && s.permissions().executable() && offset >= 0 && offset + target.length <= s.fileSize()) {
                ByteBuffer bytes = image.contentOf(s);
                bytes.get((int) offset, target);
                return true;
            }
        }
        return false;
    }
}
