package dev.rustbin.dwarf;

/**
 * One abbreviation declaration: the tag of the entries that use it and the attributes and forms
 * they carry, in order ({@code implicitConstants[i]} is the value of a DW_FORM_implicit_const).
 */
record Abbreviation(int tag, boolean hasChildren, int[] attributes, int[] forms, long[] implicitConstants) {
}
