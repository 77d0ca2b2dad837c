package dev.rustbin.dwarf;

/**
 * The code one source file accounts for, by the line table: the bytes from each of its rows to the
 * next row (in executable sections), and how many rows and compile units name it.
 */
public record SourceFileRow(String file, long codeBytes, long lineRows, int compileUnits) {
}
