package dev.rustbin.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** readelf -W output, parsed into plain rows for row-by-row comparison. */
public final class Readelf {

    private Readelf() {
    }

    public record SectionRow(int index, String name, String type, long address, long offset, long size, long entrySize,
                             String flags, long alignment) {
    }

    public record SegmentRow(String type, long offset, long virtualAddress, long physicalAddress, long fileSize,
                             long memorySize, String flags, long alignment) {
    }

    public record SymbolRow(String table, String name, long value, long size, String type, String binding,
                            String visibility, String sectionIndex) {
    }

    private static final Pattern SECTION = Pattern.compile(
            "^\\s*\\[\\s*(\\d+)]\\s+(.*?)\\s*(\\S+)\\s+([0-9a-f]{16}|[0-9a-f]{8})\\s+([0-9a-f]+)\\s+([0-9a-f]+)\\s+([0-9a-f]{2})\\s+(\\S*?)\\s*(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*$");
    private static final Pattern SEGMENT = Pattern.compile(
            "^\\s+(\\S+)\\s+0x([0-9a-f]+)\\s+0x([0-9a-f]+)\\s+0x([0-9a-f]+)\\s+0x([0-9a-f]+)\\s+0x([0-9a-f]+)\\s+([R ][W ][E ])\\s+(0x[0-9a-f]+|0)\\s*$");
    private static final Pattern SYMBOL_TABLE = Pattern.compile("^Symbol table '(\\S+)' contains \\d+ entries:");
    private static final Pattern SYMBOL = Pattern.compile(
            "^\\s*(\\d+):\\s+([0-9a-f]+)\\s+(0x[0-9a-f]+|\\d+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s?(.*)$");

    public static List<SectionRow> sections(Path file) {
        List<SectionRow> rows = new ArrayList<>();
        for (String line : Tools.run(List.of("readelf", "-SW", file.toString())).split("\n")) {
            Matcher m = SECTION.matcher(line);
            if (m.matches()) {
                rows.add(new SectionRow(Integer.parseInt(m.group(1)), m.group(2), m.group(3), hex(m.group(4)),
                        hex(m.group(5)), hex(m.group(6)), hex(m.group(7)), m.group(8), Long.parseLong(m.group(11))));
            }
        }
        return rows;
    }

    public static List<SegmentRow> segments(Path file) {
        List<SegmentRow> rows = new ArrayList<>();
        for (String line : Tools.run(List.of("readelf", "-lW", file.toString())).split("\n")) {
            Matcher m = SEGMENT.matcher(line);
            if (m.matches()) {
                String align = m.group(8);
                rows.add(new SegmentRow(m.group(1), hex(m.group(2)), hex(m.group(3)), hex(m.group(4)), hex(m.group(5)),
                        hex(m.group(6)), m.group(7), align.equals("0") ? 0 : hex(align.substring(2))));
            }
        }
        return rows;
    }

    /** Every symbol of .dynsym then .symtab, without each table's null entry 0. */
    public static List<SymbolRow> symbols(Path file) {
        List<SymbolRow> rows = new ArrayList<>();
        String table = null;
        for (String line : Tools.run(List.of("readelf", "-sW", file.toString())).split("\n")) {
            Matcher header = SYMBOL_TABLE.matcher(line);
            if (header.find()) {
                table = header.group(1);
                continue;
            }
            // readelf reports an index past the section table as "bad section index[ 48]" in the Ndx column.
            Matcher m = SYMBOL.matcher(line.replaceFirst(" bad section index\\[\\s*\\d+] ", " BAD "));
            if (table != null && m.matches() && !m.group(1).equals("0")) {
                String name = m.group(8);
                if (table.equals(".dynsym")) {
                    // readelf appends the symbol version ("malloc@GLIBC_2.2.5 (3)"); the name itself has none.
                    name = name.replaceFirst("@.*$", "");
                }
                String size = m.group(3);
                rows.add(new SymbolRow(table, name, hex(m.group(2)),
                        size.startsWith("0x") ? hex(size.substring(2)) : Long.parseLong(size),
                        m.group(4), m.group(5), m.group(6), m.group(7)));
            }
        }
        return rows;
    }

    private static long hex(String digits) {
        return Long.parseUnsignedLong(digits, 16);
    }
}
