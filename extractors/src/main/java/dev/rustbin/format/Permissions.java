package dev.rustbin.format;

/** Read/write/execute flags of a section or segment, printed the way `ls -l` and readelf users expect ("r-x"). */
public record Permissions(boolean readable, boolean writable, boolean executable) {

    public static final Permissions NONE = new Permissions(false, false, false);

    @Override
    public String toString() {
        return (readable ? "r" : "-") + (writable ? "w" : "-") + (executable ? "x" : "-");
    }
}
