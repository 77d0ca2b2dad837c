package dev.rustbin.disasm;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.ImageAnalyses;
import dev.rustbin.format.Section;
import dev.rustbin.format.Symbol;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where decoding of each executable section restarts: the section start, every symbol in it, and
 * every function start the format records besides symbols ({@link BinaryImage#functionStarts}).
 * Each stretch between two restarts is decoded on its own, cut at the next restart as objdump cuts
 * at the next symbol, so data that hand-written assembly leaves before a function never carries
 * decoding out of step into it, and any query decodes an address the same way.
 */
final class DecodeStarts {

    /** Symbol kinds that mark no place in code. */
    private static final Set<String> NOT_IN_CODE = Set.of("section", "file", "tls", "debug");

    private final Map<Integer, long[]> startsBySection;

    private DecodeStarts(Map<Integer, long[]> startsBySection) {
        this.startsBySection = startsBySection;
    }

    static DecodeStarts of(BinaryImage image) {
        return ImageAnalyses.of(image, "decode-starts", DecodeStarts::build);
    }

    private static DecodeStarts build(BinaryImage image) {
        long[] all = collect(image);
        Map<Integer, long[]> bySection = new HashMap<>();
        for (Section s : image.sections()) {
            if (s.permissions().executable() && s.fileSize() > 0) {
                long end = s.address() + s.fileSize();
                int from = firstAtOrAbove(all, s.address());
                int to = firstAtOrAbove(all, end);
                long[] inside = Arrays.copyOfRange(all, from, to);
                bySection.put(s.index(), inside.length > 0 && inside[0] == s.address() ? inside : prepend(s.address(), inside));
            }
        }
        return new DecodeStarts(bySection);
    }

    private static long[] collect(BinaryImage image) {
        long[] recorded = image.functionStarts();
        long[] all = Arrays.copyOf(recorded, recorded.length + image.symbols().size());
        int count = recorded.length;
        // on 32-bit ARM bit 0 of a symbol's address marks Thumb code, not a byte of it
        long mask = image.info().architecture().equals("arm") ? ~1L : ~0L;
        for (Symbol s : image.symbols()) {
            if (s.defined() && !NOT_IN_CODE.contains(s.type())) {
                all[count++] = s.address() & mask;
            }
        }
        return Arrays.stream(all, 0, count).sorted().distinct().toArray();
    }

    private static long[] prepend(long first, long[] rest) {
        long[] out = new long[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    /** The restarts of a section, ascending, the first being the section's start. */
    long[] of(Section section) {
        return startsBySection.getOrDefault(section.index(), new long[] {section.address()});
    }

    /** Index of the first value at or above {@code address} in a sorted array (its length if none). */
    static int firstAtOrAbove(long[] sorted, long address) {
        int i = Arrays.binarySearch(sorted, address);
        return i >= 0 ? i : -i - 1;
    }
}
