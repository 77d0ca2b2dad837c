package dev.rustbin.cli.export;

import java.math.BigDecimal;

/**
 * JSON text that keeps exact values in every reader: an integer is a JSON number while its magnitude
 * is at most 2^53 (exact in the IEEE doubles JavaScript and jq read numbers into) and a string of
 * its decimal digits beyond (addresses at or above 2^53, hashes).
 */
public final class JsonText {

    /** The largest magnitude up to which every integer is exact as an IEEE double. */
    public static final BigDecimal EXACT_IN_DOUBLE = BigDecimal.valueOf(1L << 53);

    private JsonText() {
    }

    /** An exact number in plain notation: bare when doubles hold it exactly, else quoted. */
    public static StringBuilder exactNumber(StringBuilder out, BigDecimal number) {
        String text = number.toPlainString();
        return number.abs().compareTo(EXACT_IN_DOUBLE) <= 0 ? out.append(text) : quote(out, text);
    }

    public static StringBuilder quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                // So the text can sit inside an HTML <script> element without ending it.
                case '<' -> out.append("\\u003c");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"');
    }
}
