package dev.rustbin.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.disasm.InstructionScan;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Readelf;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Cancel, query timeout, setMaxRows and LIMIT stop the disassembly of librustc_driver (about 21.8 M
 * instructions) early. Measured by instructions decoded, not by the clock: a scan that ran on
 * would decode millions more. Elapsed times are printed for the record only.
 */
class ScanStopsEarlyTest {

    private static final String FULL_SCAN = "select mnemonic, count(*) from instructions group by mnemonic";
    /** The decoder's queue and the chunk in hand: what may still be decoded once the consumer stops. */
    private static final long IN_FLIGHT = 64 * 1024;

    private static Connection open() throws SQLException {
        return DriverManager.getConnection(RustbinDriver.PREFIX + Corpus.rustcDriver());
    }

    /** Bytes of the sections readelf flags executable. */
    private static long executableBytes() {
        return Readelf.sections(Corpus.rustcDriver()).stream().filter(x -> x.flags().contains("X"))
                .mapToLong(Readelf.SectionRow::size).sum();
    }

    private static long decoded() {
        return InstructionScan.INSTRUCTIONS_DECODED.get();
    }

    @Test
    void cancelStopsTheScanAndTheStatementStaysUsable() throws Exception {
        try (Connection c = open(); Statement s = c.createStatement()) {
            long before = decoded();
            CompletableFuture<SQLException> query = CompletableFuture.supplyAsync(() -> {
                try (ResultSet rs = s.executeQuery(FULL_SCAN)) {
                    while (rs.next()) {
                        continue;
                    }
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            while (decoded() - before < 200_000 && !query.isDone()) {
                Thread.onSpinWait();
            }
            String[] progress = c.getClientInfo("progress").split(" ", 3);
            long done = Long.parseLong(progress[0]);
            long total = Long.parseLong(progress[1]);
            assertEquals("bytes disassembled", progress[2]);
            assertEquals(executableBytes(), total, "the scan plans every executable section");
            assertTrue(done > 0 && done < total, done + " of " + total);
            long started = System.nanoTime();
            s.cancel();
            long atCancel = decoded();
            SQLException failure = query.get(5, TimeUnit.MINUTES);
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            assertTrue(failure != null && failure.getMessage().endsWith("query cancelled"), String.valueOf(failure));
            long after = decoded() - atCancel;
            assertTrue(after < IN_FLIGHT, "instructions decoded after cancel(): " + after);
            assertEquals(null, c.getClientInfo("progress"), "no scan runs any more");
            System.out.println("cancel on " + Corpus.rustcDriver().getFileName() + ": query ended " + elapsedMs
                    + " ms after cancel(), " + after + " instructions decoded after it");
            try (ResultSet rs = s.executeQuery("select count(*) from binary_files")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
            }
        }
    }

    @Test
    void queryTimeoutStopsTheScan() throws SQLException {
        try (Connection c = open(); Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            long before = decoded();
            long started = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, () -> {
                try (ResultSet rs = s.executeQuery(FULL_SCAN)) {
                    while (rs.next()) {
                        continue;
                    }
                }
            });
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            assertTrue(e.getMessage().endsWith("query timed out after 1.0 s (Statement.setQueryTimeout)"), e.getMessage());
            long done = decoded() - before;
            assertTrue(done < 8_000_000, "a one-second timeout stops well before the 21.8 M instructions: " + done);
            System.out.println("timeout of 1 s on " + Corpus.rustcDriver().getFileName() + ": ended after " + elapsedMs + " ms, "
                    + done + " instructions decoded");
        }
    }

    @Test
    void maxRowsAndLimitStopTheScan() throws SQLException {
        try (Connection c = open()) {
            try (PreparedStatement p = c.prepareStatement("select * from instructions")) {
                p.setMaxRows(200);
                assertPreviewStopsEarly("PreparedStatement.setMaxRows(200)", () -> p.executeQuery());
            }
            try (Statement s = c.createStatement()) {
                s.setMaxRows(200);
                assertPreviewStopsEarly("Statement.setMaxRows(200)", () -> s.executeQuery("select * from instructions"));
            }
            try (Statement s = c.createStatement()) {
                assertPreviewStopsEarly("LIMIT 200", () -> s.executeQuery("select address, mnemonic, operands from instructions limit 200"));
            }
        }
    }

    private interface Query {
        ResultSet run() throws SQLException;
    }

    private static void assertPreviewStopsEarly(String how, Query query) throws SQLException {
        long before = decoded();
        long started = System.nanoTime();
        int rows = 0;
        try (ResultSet rs = query.run()) {
            while (rs.next()) {
                rows++;
            }
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        long done = decoded() - before;
        assertEquals(200, rows, how);
        assertTrue(done < IN_FLIGHT, how + ": instructions decoded for a 200-row preview: " + done);
        System.out.println(how + " preview of " + Corpus.rustcDriver().getFileName() + "'s instructions: " + elapsedMs + " ms, "
                + done + " instructions decoded");
    }
}
