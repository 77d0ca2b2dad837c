package dev.rustbin.memory;

/** Takes a new snapshot of the process a connection watches (a live pid), on request from SQL. */
@FunctionalInterface
public interface SnapshotTaker {

    /** A fresh snapshot with the given trigger ("manual"); the registry numbers it. */
    ProcessSnapshot take(String trigger);
}
