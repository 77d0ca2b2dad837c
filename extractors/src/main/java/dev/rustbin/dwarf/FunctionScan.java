package dev.rustbin.dwarf;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.BinaryImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Streams the functions with code and the inlined calls of every unit in {@code .debug_info}, one
 * unit at a time (only that unit's scopes are held).
 */
public final class FunctionScan implements Iterator<FunctionRow> {

    private final DebugInfo dwarf;
    private final LineTables tables;
    private final FunctionNames names;
    private final int unitCount;
    private int nextUnit;
    private Iterator<FunctionRow> current = Collections.emptyIterator();

    public FunctionScan(BinaryImage image) {
        this.dwarf = DebugInfo.of(image);
        this.tables = new LineTables(dwarf);
        this.names = new FunctionNames(dwarf);
        this.unitCount = dwarf.units().size();
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext() && nextUnit < unitCount) {
            current = rowsOf(nextUnit++).iterator();
        }
        return current.hasNext();
    }

    @Override
    public FunctionRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    private List<FunctionRow> rowsOf(int unit) {
        if (!dwarf.units().get(unit).describesCode()) {
            return List.of();
        }
        try {
            CompileUnit cu = dwarf.compileUnit(unit);
            FunctionScopes scopes = FunctionScopes.read(dwarf, unit);
            LineProgramHeader lines = tables.header(unit);
            List<FunctionRow> rows = new ArrayList<>(scopes.scopes().size());
            for (FunctionScopes.Scope s : scopes.scopes()) {
                FunctionNames.Names n = names.of(s.entry());
                LineProgramHeader declLines = n.declUnit() == unit ? lines : n.declUnit() >= 0 ? tables.header(n.declUnit()) : null;
                String inlinedInto = null;
                if (s.inlined() && s.parent() >= 0) {
                    FunctionNames.Names outer = names.of(scopes.scope(s.parent()).entry());
                    inlinedInto = outer.linkageName() != null ? outer.linkageName() : outer.name();
                }
                rows.add(new FunctionRow(n.name(), n.linkageName(), s.low(), s.high(), s.bytes(), s.rangeCount(),
                        path(declLines, n.declFile()), n.declLine(), s.inlined(), inlinedInto,
                        s.inlined() ? path(lines, s.callFile()) : null, s.callLine(), s.callColumn(), cu.name(), s.entry()));
            }
            return rows;
        } catch (DwarfFormatException e) {
            throw new BinaryFormatException(dwarf.sections().path(), String.format(".debug_info: unit at 0x%x: %s",
                    dwarf.units().get(unit).offset(), e.getMessage()));
        }
    }

    private static String path(LineProgramHeader header, long file) {
        return header == null ? null : header.filePath(file);
    }
}
