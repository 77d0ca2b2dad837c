package dev.rustbin.jdbc;

import dev.rustbin.schema.TableSchema;
import dev.rustbin.schema.Tables;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Child JVM of {@link ChangingFileTest}: queries every table of a binary while another thread
 * rewrites it in place with another binary, truncates it, and replaces it by rename. Every answer
 * must be one version's answer, every error a SQLException naming the file; anything else (an
 * Error, a leak at close, a wrong answer) prints FAIL and exits 3. A JVM crash shows as the exit status.
 * Arguments: work directory, version A, version B, rounds, seed.
 */
public final class ChangingFileMain {

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        byte[] a = Files.readAllBytes(Path.of(args[1]));
        byte[] b = Files.readAllBytes(Path.of(args[2]));
        int rounds = Integer.parseInt(args[3]);
        Random random = new Random(Long.parseLong(args[4]));
        List<Map<String, String>> versions = List.of(answers(Files.write(work.resolve("version-a"), a)),
                answers(Files.write(work.resolve("version-b"), b)),
                answers(Files.write(work.resolve("version-cut"), Arrays.copyOf(a, a.length / 3))));
        Path target = Files.write(work.resolve("app"), a);
        AtomicBoolean stop = new AtomicBoolean();
        Thread changer = new Thread(() -> change(target, a, b, random, stop), "changer");
        changer.start();
        int answered = 0;
        int refused = 0;
        try {
            for (int round = 0; round < rounds; round++) {
                try (Connection connection = DriverManager.getConnection("jdbc:rustbin:" + target)) {
                    for (TableSchema<?> table : Tables.ALL) {
                        try {
                            String answer = answer(connection, table);
                            if (versions.stream().noneMatch(v -> answer.equals(v.get(table.name())))) {
                                fail(table.name() + " answered " + answer + ", which is no version's answer: " + versions);
                            }
                            answered++;
                        } catch (SQLException e) {
                            requireNamesFile(e, target);
                            refused++;
                            System.out.println("error " + table.name() + ": " + e.getMessage());
                        }
                    }
                } catch (SQLException e) {
                    requireNamesFile(e, target);
                    refused++;
                    System.out.println("error connect: " + e.getMessage());
                }
            }
        } catch (Throwable e) {
            e.printStackTrace(System.out);
            fail("unexpected " + e);
        } finally {
            stop.set(true);
            changer.join();
        }
        System.out.println("answered " + answered + " refused " + refused);
    }

    private static void requireNamesFile(SQLException e, Path target) {
        if (e.getMessage() == null || !e.getMessage().contains(target.toString())) {
            e.printStackTrace(System.out);
            fail("an error that does not name the file: " + e.getMessage());
        }
    }

    /** Every table's answer to a query that reads its rows and one computed column; tables that fail on this version have none. */
    private static Map<String, String> answers(Path file) throws SQLException {
        Map<String, String> answers = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:rustbin:" + file)) {
            for (TableSchema<?> table : Tables.ALL) {
                try {
                    answers.put(table.name(), answer(connection, table));
                } catch (SQLException e) {
                    requireNamesFile(e, file);
                }
            }
        }
        return answers;
    }

    private static String answer(Connection connection, TableSchema<?> table) throws SQLException {
        String column = table.columns().get(table.columns().size() - 1).name();
        String sql = table.name().equals("binary_sections")
                ? "select count(*), sum(octet_length(content)) from binary_sections"
                : "select count(*), count(distinct \"" + column + "\") from " + table.name();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1) + "/" + rows.getString(2);
        }
    }

    /** Rewrites in place (same inode: a shorter file under a live mapping), truncates, and replaces by rename, in turn. */
    private static void change(Path target, byte[] a, byte[] b, Random random, AtomicBoolean stop) {
        Path next = target.resolveSibling("app.next");
        try {
            for (int step = 0; !stop.get(); step++) {
                switch (step % 4) {
                    case 0 -> Files.write(target, b);
                    case 1 -> Files.write(target, a);
                    case 2 -> {
                        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
                            channel.truncate(a.length / 3);
                        }
                    }
                    default -> Files.move(Files.write(next, random.nextBoolean() ? a : b), target,
                            StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
                Thread.sleep(random.nextInt(40));
            }
        } catch (IOException | InterruptedException e) {
            fail("changer: " + e);
        }
    }

    private static void fail(String why) {
        System.out.println("FAIL " + why);
        System.out.flush();
        Runtime.getRuntime().halt(3);
    }
}
