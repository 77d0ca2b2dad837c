package dev.rustbin.schema;

import java.util.List;

/** Every table rustbin serves, in the order they are listed to users. */
public final class Tables {

    private Tables() {
    }

    public static final List<TableSchema<?>> ALL = List.of(
            BinaryFilesTable.TABLE,
            BinarySectionsTable.TABLE,
            BinarySegmentsTable.TABLE,
            BinarySymbolsTable.TABLE,
            BinaryLibrariesTable.TABLE,
            BinaryImportsTable.TABLE,
            BinaryExportsTable.TABLE,
            RustCratesTable.TABLE,
            RustPanicLocationsTable.TABLE,
            InstructionsTable.TABLE,
            InstructionOperandsTable.TABLE,
            DebugLinesTable.TABLE,
            DebugFunctionsTable.TABLE,
            DebugCompileUnitsTable.TABLE,
            DebugSourceFilesTable.TABLE,
            MemorySnapshotsTable.TABLE,
            MemoryMappingsTable.TABLE,
            MemoryRegionsTable.TABLE,
            HeapReferencesTable.TABLE,
            AllocationEventsTable.TABLE,
            HeapBacktracesTable.TABLE);
}
