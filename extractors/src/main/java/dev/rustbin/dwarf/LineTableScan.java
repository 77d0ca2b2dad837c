package dev.rustbin.dwarf;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.BinaryImage;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Streams every row of every line program in {@code .debug_line}, in section order (readelf's
 * order), one program at a time: nothing but the current program's header is held. A program
 * that cannot be read fails the scan with the file, section and offset named.
 */
public final class LineTableScan implements Iterator<LineTableRow> {

    private final DebugInfo dwarf;
    private final ByteBuffer line;
    private final Map<Long, Integer> unitsByProgram = new HashMap<>();
    private long nextProgram;
    private LineRows rows;
    private String unitName;
    private LineTableRow pending;

    public LineTableScan(BinaryImage image) {
        this.dwarf = DebugInfo.of(image);
        this.line = dwarf.sections().get(".debug_line");
        List<UnitHeader> units = dwarf.units();
        for (int i = 0; i < units.size(); i++) {
            try {
                CompileUnit cu = dwarf.compileUnit(i);
                if (cu.stmtList() >= 0) {
                    unitsByProgram.putIfAbsent(cu.stmtList(), i);
                }
            } catch (DwarfFormatException e) {
                // A unit that cannot be read leaves its program without a compilation directory.
            }
        }
    }

    @Override
    public boolean hasNext() {
        if (pending != null) {
            return true;
        }
        try {
            while (rows == null || !rows.next()) {
                if (nextProgram >= line.limit()) {
                    return false;
                }
                openProgram();
            }
        } catch (DwarfFormatException e) {
            throw new BinaryFormatException(dwarf.sections().path(), String.format(".debug_line: line program at 0x%x: %s",
                    rows == null ? nextProgram : rows.header().offset(), e.getMessage()));
        }
        LineProgramHeader h = rows.header();
        pending = new LineTableRow(rows.address(), h.filePath(rows.file()), rows.line(), rows.column(),
                rows.isStatement(), rows.basicBlock(), rows.endSequence(), rows.prologueEnd(), rows.epilogueBegin(),
                rows.discriminator(), unitName, h.offset());
        return true;
    }

    private void openProgram() {
        long offset = nextProgram;
        rows = null;
        Integer unit = unitsByProgram.get(offset);
        CompileUnit cu = unit == null ? null : dwarf.compileUnit(unit);
        LineProgramHeader header = LineProgramHeader.read(dwarf.sections(), dwarf.strings(), offset, cu == null ? null : cu.compDir(), cu);
        nextProgram = header.end();
        unitName = cu == null ? null : cu.name();
        rows = LineRows.of(line, header);
    }

    @Override
    public LineTableRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        LineTableRow row = pending;
        pending = null;
        return row;
    }
}
