package dev.rustbin.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * llvm-readobj output parsed into plain blocks for row-by-row comparison. The output nests
 * "Name {" blocks and "Name [" lists; a block's "Key: value" lines become fields, and its flag
 * lines (list items such as "PureInstructions (0x800000)", or bare words such as "Extern") become flags.
 */
public final class LlvmReadobj {

    private LlvmReadobj() {
    }

    /** One block such as "Section { ... }"; a key may repeat ("Symbol: ..." lines of an Import block). */
    public record Block(List<Map.Entry<String, String>> fields, List<String> flags) {

        public String text(String key) {
            return fields.stream().filter(f -> f.getKey().equals(key)).map(Map.Entry::getValue).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + key + " in " + fields));
        }

        public List<String> all(String key) {
            return fields.stream().filter(f -> f.getKey().equals(key)).map(Map.Entry::getValue).toList();
        }

        public boolean has(String key) {
            return !all(key).isEmpty();
        }

        /** The value without the trailing " (raw bytes or number)" llvm-readobj adds to names. */
        public String name(String key) {
            String value = text(key);
            int paren = value.lastIndexOf(" (");
            return paren < 0 ? value : value.substring(0, paren);
        }

        /** The number in the value: "0x1A", "26", or the "(0x1A)" / "(-2)" after a name. */
        public long number(String key) {
            String value = text(key);
            int paren = value.lastIndexOf(" (");
            String digits = paren >= 0 && value.endsWith(")") ? value.substring(paren + 2, value.length() - 1) : value.split(" ")[0];
            if (digits.startsWith("0x")) {
                return Long.parseUnsignedLong(digits.substring(2), 16);
            }
            return Long.parseLong(digits);
        }

        /** The union of the "(0x...)" values of the flag lines: a flags word as llvm-readobj spells it out. */
        public long flagBits() {
            long bits = 0;
            for (String flag : flags) {
                int paren = flag.lastIndexOf("(0x");
                if (paren >= 0) {
                    bits |= Long.parseUnsignedLong(flag.substring(paren + 3, flag.length() - 1), 16);
                }
            }
            return bits;
        }
    }

    /**
     * The blocks named {@code blockName} ("Section", "Symbol", ...) that {@code option} prints, one list per
     * "File:" header: a universal Mach-O file has one per architecture slice, in file order.
     */
    public static List<List<Block>> blocks(Path file, String option, String blockName) {
        List<List<Block>> files = new ArrayList<>();
        List<Block> current = null;
        List<Map.Entry<String, String>> fields = null;
        List<String> flags = null;
        int depth = 0;
        int blockDepth = -1;
        for (String raw : Tools.run(List.of("llvm-readobj", option, file.toString())).split("\n")) {
            String line = raw.strip();
            if (raw.startsWith("File: ")) {
                current = new ArrayList<>();
                files.add(current);
                continue;
            }
            if (line.equals(blockName + " {") && current != null) {
                fields = new ArrayList<>();
                flags = new ArrayList<>();
                blockDepth = depth;
                depth++;
                continue;
            }
            if (line.equals("}") || line.equals("]")) {
                depth--;
                if (depth == blockDepth && fields != null) {
                    current.add(new Block(fields, flags));
                    fields = null;
                    blockDepth = -1;
                }
                continue;
            }
            boolean opens = line.endsWith("{") || line.endsWith("[") || line.matches(".*\\[ \\(0x[0-9A-Fa-f]+\\)$");
            if (fields != null && !opens && !line.isEmpty()) {
                int colon = line.indexOf(": ");
                if (depth == blockDepth + 1 && colon > 0) {
                    fields.add(Map.entry(line.substring(0, colon), line.substring(colon + 2)));
                } else {
                    flags.add(line);
                }
            }
            if (opens) {
                depth++;
            }
        }
        return files;
    }
}
