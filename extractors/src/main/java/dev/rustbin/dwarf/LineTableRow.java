package dev.rustbin.dwarf;

/**
 * One row of a line program's matrix, as {@code readelf --debug-dump=decodedline} lists them.
 *
 * @param file           the full path of the row's file, or null when the file register names no entry
 * @param compileUnit    DW_AT_name of the unit that owns the program, or null for a program no unit references
 * @param programOffset  where the line program starts in .debug_line
 */
public record LineTableRow(long address, String file, long line, long column, boolean isStatement, boolean basicBlock,
                           boolean endSequence, boolean prologueEnd, boolean epilogueBegin, long discriminator,
                           String compileUnit, long programOffset) {
}
