package dev.rustbin.dwarf;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The header of one line program in {@code .debug_line} (DWARF 2 to 5): the opcode parameters and
 * the directory and file tables (DWARF 5 describes their entries by content-type/form pairs).
 *
 * @param programStart  offset of the first opcode
 * @param end           offset just after the program
 * @param firstFile     the index of the first file entry: 1 before DWARF 5, 0 since
 */
public record LineProgramHeader(long offset, long end, int version, int addressSize, long programStart,
                                int minimumInstructionLength, int maximumOperations, boolean defaultIsStatement,
                                int lineBase, int lineRange, int opcodeBase, int[] standardOpcodeLengths,
                                List<String> directories, List<SourceFileEntry> files, int firstFile) {

    private static final int LNCT_PATH = 1;
    private static final int LNCT_DIRECTORY_INDEX = 2;
    private static final int LNCT_MD5 = 5;

    /**
     * Reads the header at {@code offset}. {@code compDir} (the unit's DW_AT_comp_dir) completes
     * relative directories; {@code unit} resolves strx forms, and may be null.
     */
    static LineProgramHeader read(DwarfSections sections, DebugStrings strings, long offset, String compDir, CompileUnit unit) {
        ByteBuffer line = sections.get(".debug_line");
        if (offset < 0 || offset >= line.limit()) {
            throw new DwarfFormatException(String.format("line program offset 0x%x outside .debug_line", offset));
        }
        DwarfCursor in = new DwarfCursor(line, 0, (int) offset, line.limit());
        InitialLength length = InitialLength.read(in);
        long end = in.position() + length.length();
        if (end > line.limit()) {
            throw new DwarfFormatException("length " + length.length() + " runs past the section");
        }
        in = new DwarfCursor(line, 0, in.position(), (int) end);
        int version = in.u16();
        if (version < 2 || version > 5) {
            throw new DwarfFormatException("version " + version);
        }
        int addressSize = 8;
        if (version >= 5) {
            addressSize = in.u8();
            in.u8();
        }
        long headerLength = in.offset(length.dwarf64());
        long programStart = in.position() + headerLength;
        if (programStart > end) {
            throw new DwarfFormatException("header runs past the program");
        }
        int minLength = in.u8();
        int maxOps = version >= 4 ? in.u8() : 1;
        boolean defaultIsStmt = in.u8() != 0;
        int lineBase = (byte) in.u8();
        int lineRange = in.u8();
        int opcodeBase = in.u8();
        if (lineRange == 0) {
            throw new DwarfFormatException("line_range 0");
        }
        int[] lengths = new int[Math.max(opcodeBase, 1)];
        for (int i = 1; i < opcodeBase; i++) {
            lengths[i] = in.u8();
        }
        List<String> dirs = new ArrayList<>();
        List<SourceFileEntry> files = new ArrayList<>();
        if (version >= 5) {
            CompileUnit context = unit != null ? unit : new CompileUnit(
                    new UnitHeader(0, 0, length.dwarf64(), 5, UnitHeader.DW_UT_COMPILE, 0, addressSize, 0), null, compDir, null, -1, offset, 0, 8, 0, 0);
            for (Entry d : entries(in, strings, context)) {
                dirs.add(d.path());
            }
            String base = compDir != null ? compDir : dirs.isEmpty() ? null : dirs.get(0);
            for (Entry f : entries(in, strings, context)) {
                int dir = (int) f.directory();
                files.add(new SourceFileEntry(join(base, dir < dirs.size() ? dirs.get(dir) : null, f.path()), f.path(), dir, f.md5()));
            }
        } else {
            for (String d = in.cstring(); !d.isEmpty(); d = in.cstring()) {
                dirs.add(d);
            }
            for (String name = in.cstring(); !name.isEmpty(); name = in.cstring()) {
                int dir = (int) in.uleb();
                in.uleb();
                in.uleb();
                files.add(fileV4(compDir, dirs, name, dir));
            }
        }
        return new LineProgramHeader(offset, end, version, addressSize, programStart, minLength, Math.max(maxOps, 1),
                defaultIsStmt, lineBase, lineRange, opcodeBase, lengths, dirs, files, version >= 5 ? 0 : 1);
    }

    /** A DWARF 2-4 file entry: directory 0 is the compilation directory, the others index the table from 1. */
    static SourceFileEntry fileV4(String compDir, List<String> dirs, String name, int dir) {
        String directory = dir == 0 ? null : dir - 1 < dirs.size() ? dirs.get(dir - 1) : null;
        return new SourceFileEntry(join(compDir, directory, name), name, dir, null);
    }

    /** A DWARF 5 directory or file entry: the parts we keep. */
    private record Entry(String path, long directory, byte[] md5) {
    }

    private static List<Entry> entries(DwarfCursor in, DebugStrings strings, CompileUnit unit) {
        int formatCount = in.u8();
        long[] types = new long[formatCount];
        int[] forms = new int[formatCount];
        for (int i = 0; i < formatCount; i++) {
            types[i] = in.uleb();
            forms[i] = (int) in.uleb();
        }
        long count = in.uleb();
        if (count > in.limit() - in.position()) {
            throw new DwarfFormatException("line program claims " + count + " entries in " + (in.limit() - in.position()) + " bytes");
        }
        List<Entry> out = new ArrayList<>();
        for (long n = 0; n < count; n++) {
            String path = "";
            long directory = 0;
            byte[] md5 = null;
            for (int i = 0; i < formatCount; i++) {
                int form = forms[i];
                if (types[i] == LNCT_MD5 && form == DwarfForms.DATA16) {
                    md5 = new byte[16];
                    in.bytes().get(in.position(), md5);
                    in.skip(16);
                    continue;
                }
                long value = DwarfForms.read(in, form, unit.header(), 0);
                if (types[i] == LNCT_PATH) {
                    path = strings.string(unit, form, value);
                } else if (types[i] == LNCT_DIRECTORY_INDEX) {
                    directory = value;
                }
            }
            out.add(new Entry(path, directory, md5));
        }
        return out;
    }

    /** name, under directory, under the compilation directory, each step only while the path is relative. */
    static String join(String compDir, String directory, String name) {
        String path = name;
        if (!isAbsolute(path) && directory != null && !directory.isEmpty()) {
            path = directory + "/" + path;
        }
        if (!isAbsolute(path) && compDir != null && !compDir.isEmpty()) {
            path = compDir + "/" + path;
        }
        return path;
    }

    private static boolean isAbsolute(String path) {
        return path.startsWith("/") || (path.length() > 2 && path.charAt(1) == ':' && (path.charAt(2) == '\\' || path.charAt(2) == '/'));
    }

    /** The full path of a file register value's entry, or null when the program names no such file. */
    public String filePath(long index) {
        SourceFileEntry entry = file(index);
        return entry == null ? null : entry.path();
    }

    /** The file entry for a file register value, or null when the program names no such file. */
    public SourceFileEntry file(long index) {
        long i = index - firstFile;
        return i >= 0 && i < files.size() ? files.get((int) i) : null;
    }
}
