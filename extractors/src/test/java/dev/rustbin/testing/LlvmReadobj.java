package dev.rustbin.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /** One block such as "Section { ... }". */
    public record Block(Map<String, String> fields, List<String> flags) {

        public String text(String key) {
            String value = fields.get(key);
            if (value == null) {
                throw new IllegalStateException("no " + key + " in " + fields);
            }
            return value;
        }

        /** The value without the trailing " (raw bytes or number)" llvm-readobj adds to names. */
        public String name(String key) {
            String value = text(key);
            int paren = value.lastIndexOf(" (");
            return paren < 0 ? value : value.substring(0, paren);
        }

        /** The first number of the value: "0x1A" or "26", or the "(0x1A)" after a name. */
        public long number(String key) {
            String value = text(key);
            int paren = value.lastIndexOf("(0x");
            String digits = paren >= 0 ? value.substring(paren + 1, value.length() - 1) : value.split(" ")[0];
            return digits.startsWith("0x") ? Long.parseUnsignedLong(digits.substring(2), 16) : Long.parseLong(digits);
        }
    }

    /**
     * The blocks named {@code blockName} ("Section", "Symbol", ...) that {@code option} prints, one list per
     * "File:" header: a universal Mach-O file has one per architecture slice, in file order.
     */
    public static List<List<Block>> blocks(Path file, String option, String blockName) {
        List<List<Block>> files = new ArrayList<>();
        List<Block> current = null;
        Map<String, String> fields = null;
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
                fields = new LinkedHashMap<>();
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
            if (fields != null) {
                int colon = line.indexOf(": ");
                if (depth == blockDepth + 1 && colon > 0 && !line.endsWith("[") && !line.endsWith("{")) {
                    fields.put(line.substring(0, colon), line.substring(colon + 2));
                } else if (!line.endsWith("[") && !line.endsWith("{") && !line.contains("[ (") && !line.isEmpty()) {
                    flags.add(line);
                }
            }
            if (line.endsWith("{") || line.endsWith("[") || line.matches(".*\\[ \\(0x[0-9A-Fa-f]+\\)$")) {
                depth++;
            }
        }
        return files;
    }
}
