package dev.rustbin.dwarf;

import dev.rustbin.testing.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code readelf --debug-dump=decodedline -W} as the oracle of the line table, row by row. */
final class DecodedLines {

    /** One row as readelf prints it: the file as named in the table, line (-1 for end of sequence), address, is_stmt. */
    record Row(String file, long line, long address, boolean statement) {
    }

    private static final Pattern ROW = Pattern.compile("^(\\S+)\\s+(\\d+|-)\\s+(0x[0-9a-f]+|0)(?:\\s+\\d+)?(\\s+x)?\\s*$");

    private DecodedLines() {
    }

    /** The first {@code limit} rows of every line program of the file, in section order. */
    static List<Row> of(Path binary, int limit) {
        List<Row> rows = new ArrayList<>();
        for (String line : Tools.run(List.of("readelf", "--debug-dump=decodedline", "-W", binary.toString())).split("\n")) {
            Matcher m = ROW.matcher(line);
            if (!m.matches() || line.startsWith("File name") || line.startsWith("CU:")) {
                continue;
            }
            long address = m.group(3).equals("0") ? 0 : Long.parseUnsignedLong(m.group(3).substring(2), 16);
            rows.add(new Row(m.group(1), m.group(2).equals("-") ? -1 : Long.parseLong(m.group(2)), address, m.group(4) != null));
            if (rows.size() == limit) {
                break;
            }
        }
        return rows;
    }
}
