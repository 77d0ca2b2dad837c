package dev.rustbin.dwarf;

import dev.rustbin.testing.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * addr2line as the oracle: the inlined chain ({@code -i -f}) of many addresses in one run, from
 * binutils' addr2line or LLVM's (which print the same format).
 */
final class Addr2Line {

    /** One frame as addr2line prints it: a function name ("??" when unknown) and "file:line" ("??:0"). */
    record Frame(String function, String fileLine) {
    }

    private Addr2Line() {
    }

    static Map<Long, List<Frame>> chains(String tool, Path binary, List<Long> addresses) {
        List<String> command = new ArrayList<>(List.of(tool, "-a", "-i", "-f", "-e", binary.toString()));
        addresses.forEach(a -> command.add(Long.toHexString(a)));
        String[] lines = Tools.run(command).split("\n");
        Map<Long, List<Frame>> chains = new LinkedHashMap<>();
        List<Frame> current = null;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("0x")) {
                current = new ArrayList<>();
                chains.put(Long.parseUnsignedLong(lines[i].substring(2), 16), current);
            } else if (lines[i].isEmpty()) {
                continue;
            } else {
                String fileLine = lines[++i].replaceFirst(" \\(discriminator \\d+\\)$", "");
                current.add(new Frame(lines[i - 1], fileLine));
            }
        }
        return chains;
    }
}
