package dev.rustbin.cli.report;

import java.math.BigDecimal;
import java.util.List;

/** HTML text: escaping, numbers with digit grouping, and a query's rows as a table. */
final class Html {

    private Html() {
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    static String number(long value) {
        return String.format("%,d", value);
    }

    /** The rows as a table; numeric cells right-aligned, grouped by thousands, their exact value in data-value. */
    static void table(StringBuilder out, QueryResult result, String id) {
        out.append("<table id=\"").append(escape(id)).append("\"><thead><tr>");
        for (String column : result.columns()) {
            out.append("<th>").append(escape(column.replace('_', ' '))).append("</th>");
        }
        out.append("</tr></thead><tbody>\n");
        for (List<Object> row : result.rows()) {
            out.append("<tr>");
            for (Object value : row) {
                if (value instanceof Number number && !(value instanceof Double)) {
                    BigDecimal exact = new BigDecimal(number.toString());
                    out.append("<td class=\"num\" data-value=\"").append(exact.toPlainString()).append("\">")
                            .append(String.format("%,d", exact.toBigInteger())).append("</td>");
                } else {
                    out.append("<td>").append(value == null ? "" : escape(value.toString())).append("</td>");
                }
            }
            out.append("</tr>\n");
        }
        if (result.rows().isEmpty()) {
            out.append("<tr><td colspan=\"").append(result.columns().size()).append("\" class=\"none\">none</td></tr>\n");
        }
        out.append("</tbody></table>\n");
    }
}
