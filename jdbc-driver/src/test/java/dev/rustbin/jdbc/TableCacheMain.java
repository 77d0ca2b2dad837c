package dev.rustbin.jdbc;

import dev.rustbin.disasm.InstructionScan;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;

/**
 * Test-only: a second JVM on the same table cache. Connects, says "ready", waits for a line on
 * stdin (so two of them start filling at the same moment), runs the mnemonic histogram and prints
 * its rows sorted, then how many instructions it disassembled. Args: BINARY CACHE_DIR
 */
public final class TableCacheMain {

    private TableCacheMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        p.setProperty("cache_dir", args[1]);
        try (Connection c = DriverManager.getConnection(RustbinDriver.PREFIX + args[0], p)) {
            System.out.println("ready");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            long before = InstructionScan.INSTRUCTIONS_DECODED.get();
            TableCacheTest.histogram(c).forEach((mnemonic, count) -> System.out.println(mnemonic + " " + count));
            System.out.println("decoded " + (InstructionScan.INSTRUCTIONS_DECODED.get() - before));
        }
    }
}
