package dev.rustbin.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts SQL text into statements at the semicolons that end them: not those inside 'strings',
 * "quoted identifiers", -- line comments or block comments. The last statement needs no
 * semicolon ({@code -e "select 1"}).
 */
final class StatementSplitter {

    private StatementSplitter() {
    }

    /** The statements of {@code text}, stripped, without their semicolons; blank ones left out. */
    static List<String> split(String text) {
        List<String> statements = new ArrayList<>();
        int start = 0;
        for (int end : terminators(text)) {
            add(statements, text.substring(start, end));
            start = end + 1;
        }
        add(statements, text.substring(start));
        return statements;
    }

    /** True when {@code text} ends with a semicolon that ends a statement (white space and comments may follow). */
    static boolean isComplete(String text) {
        List<Integer> ends = terminators(text);
        return !ends.isEmpty() && isBlank(text.substring(ends.get(ends.size() - 1) + 1));
    }

    private static void add(List<String> statements, String statement) {
        if (!isBlank(statement)) {
            statements.add(statement.strip());
        }
    }

    /** Blank, or only comments: nothing to run. */
    private static boolean isBlank(String text) {
        return stripComments(text).isBlank();
    }

    private static String stripComments(String text) {
        return text.replaceAll("(?s)/\\*.*?(\\*/|\\z)|--[^\\n]*", " ");
    }

    /** Offsets of the semicolons outside quotes and comments. */
    private static List<Integer> terminators(String text) {
        List<Integer> ends = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = closing(text, i + 1, c);
            } else if (c == '-' && text.startsWith("--", i)) {
                int newline = text.indexOf('\n', i);
                i = newline < 0 ? text.length() : newline;
            } else if (c == '/' && text.startsWith("/*", i)) {
                int close = text.indexOf("*/", i + 2);
                i = close < 0 ? text.length() : close + 1;
            } else if (c == ';') {
                ends.add(i);
            }
            i++;
        }
        return ends;
    }

    /** The offset of the quote that closes one opened before {@code from} (a doubled quote is one character). */
    private static int closing(String text, int from, char quote) {
        int i = from;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        return text.length();
    }
}
