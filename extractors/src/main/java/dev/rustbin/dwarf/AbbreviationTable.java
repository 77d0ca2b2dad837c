package dev.rustbin.dwarf;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The abbreviation declarations of one table in {@code .debug_abbrev}, by code. */
final class AbbreviationTable {

    /** Codes 1..DENSE are kept in an array: compilers number them from 1 without gaps. */
    private static final int DENSE = 1024;

    private final Abbreviation[] dense = new Abbreviation[DENSE];
    private final Map<Long, Abbreviation> sparse = new HashMap<>();

    static AbbreviationTable read(ByteBuffer abbrev, long offset) {
        if (offset < 0 || offset >= abbrev.limit()) {
            throw new DwarfFormatException(String.format("abbreviation offset 0x%x outside .debug_abbrev", offset));
        }
        AbbreviationTable table = new AbbreviationTable();
        DwarfCursor in = new DwarfCursor(abbrev, 0, (int) offset, abbrev.limit());
        for (long code = in.uleb(); code != 0; code = in.uleb()) {
            int tag = (int) in.uleb();
            boolean children = in.u8() != 0;
            List<long[]> specs = new ArrayList<>();
            for (long attribute = in.uleb(), form = in.uleb(); attribute != 0 || form != 0; attribute = in.uleb(), form = in.uleb()) {
                long constant = form == DwarfForms.IMPLICIT_CONST ? in.sleb() : 0;
                specs.add(new long[] {attribute, form, constant});
            }
            int[] attributes = new int[specs.size()];
            int[] forms = new int[specs.size()];
            long[] constants = new long[specs.size()];
            for (int i = 0; i < specs.size(); i++) {
                attributes[i] = (int) specs.get(i)[0];
                forms[i] = (int) specs.get(i)[1];
                constants[i] = specs.get(i)[2];
            }
            Abbreviation a = new Abbreviation(tag, children, attributes, forms, constants);
            if (code < DENSE) {
                table.dense[(int) code] = a;
            } else {
                table.sparse.put(code, a);
            }
        }
        return table;
    }

    Abbreviation get(long code) {
        Abbreviation a = code > 0 && code < DENSE ? dense[(int) code] : sparse.get(code);
        if (a == null) {
            throw new DwarfFormatException("unknown abbreviation code " + code);
        }
        return a;
    }
}
