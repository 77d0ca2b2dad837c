package dev.rustbin.rust;

/**
 * One {@code core::panic::Location} record embedded in a binary: where a panic (or a
 * {@code #[track_caller]} call such as {@code unwrap}, {@code expect} or an index) reports itself.
 *
 * @param address virtual address of the record
 * @param source  what the file path says about the crate it belongs to
 */
public record PanicLocation(long address, String file, int line, int column, CrateSource source) {
}
