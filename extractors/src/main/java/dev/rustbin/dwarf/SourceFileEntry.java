package dev.rustbin.dwarf;

/**
 * One entry of a line program's file table.
 *
 * @param path       the full path as addr2line prints it (directory and compilation directory joined)
 * @param name       the name as the table stores it
 * @param directory  index into the program's directory table
 * @param md5        the DWARF 5 DW_LNCT_MD5 digest, or null
 */
public record SourceFileEntry(String path, String name, int directory, byte[] md5) {
}
