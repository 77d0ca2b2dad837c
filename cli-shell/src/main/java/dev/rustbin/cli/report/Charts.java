package dev.rustbin.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's charts as inline SVG written here: a treemap of crates and their functions, and
 * horizontal bars. No script runs to draw them, so the page shows the same in any browser, offline,
 * and tooltips are SVG titles.
 */
final class Charts {

    static final int TREEMAP_WIDTH = 1160;
    static final int TREEMAP_HEIGHT = 560;
    /** Function groups drawn per crate; the rest of its code is one "other functions" rectangle. */
    static final int FUNCTIONS_PER_CRATE = 40;
    private static final int HEADER = 16;
    private static final int BAR_HEIGHT = 18;
    private static final int LABEL_WIDTH = 300;
    private static final int BAR_WIDTH = 560;

    private Charts() {
    }

    /** One node in the treemap per row of {@code crates} (rust_crates), holding its function groups and its data. */
    static void treemap(StringBuilder out, QueryResult crates, QueryResult functions, String id) {
        int name = crates.column("crate_name");
        int code = crates.column("code_bytes");
        int data = crates.column("data_bytes");
        Map<String, List<List<Object>>> byCrate = new LinkedHashMap<>();
        for (List<Object> row : functions.rows()) {
            byCrate.computeIfAbsent(QueryResult.text(row, functions.column("crate_name")), k -> new ArrayList<>()).add(row);
        }
        List<Long> weights = crates.rows().stream().map(r -> QueryResult.number(r, code) + QueryResult.number(r, data)).toList();
        List<Treemap.Rect> rects = Treemap.layout(weights, new Treemap.Rect(0, 0, TREEMAP_WIDTH, TREEMAP_HEIGHT));
        out.append("<svg id=\"").append(Html.escape(id)).append("\" class=\"treemap\" viewBox=\"0 0 ").append(TREEMAP_WIDTH).append(' ')
                .append(TREEMAP_HEIGHT).append("\" width=\"").append(TREEMAP_WIDTH).append("\" height=\"").append(TREEMAP_HEIGHT)
                .append("\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        for (int i = 0; i < rects.size(); i++) {
            List<Object> crate = crates.rows().get(i);
            String crateName = QueryResult.text(crate, name);
            long codeBytes = QueryResult.number(crate, code);
            long dataBytes = QueryResult.number(crate, data);
            Treemap.Rect box = rects.get(i);
            double hue = (i * 137.508) % 360;
            out.append("<g class=\"crate\" data-crate=\"").append(Html.escape(crateName)).append("\" data-code-bytes=\"").append(codeBytes)
                    .append("\" data-data-bytes=\"").append(dataBytes).append("\">");
            rect(out, box, String.format(Locale.ROOT, "hsl(%.0f,45%%,42%%)", hue), crateName + ": " + Html.number(codeBytes)
                    + " bytes of code, " + Html.number(dataBytes) + " bytes of data");
            if (box.width() > 40 && box.height() > HEADER) {
                label(out, box.x() + 3, box.y() + 12, box.width() - 6, crateName, "crate-label");
            }
            inner(out, byCrate.getOrDefault(crateName, List.of()), functions, codeBytes, dataBytes, box.inset(HEADER, 2), hue);
            out.append("</g>\n");
        }
        out.append("</svg>\n");
    }

    /** Inside a crate: its largest function groups (the rows given), the rest of its code bytes as one, and its data. */
    private static void inner(StringBuilder out, List<List<Object>> rows, QueryResult functions, long codeBytes, long dataBytes,
                              Treemap.Rect area, double hue) {
        int function = functions.column("function_name");
        int bytes = functions.column("bytes");
        int count = functions.column("instantiations");
        List<String> names = new ArrayList<>();
        List<Long> weights = new ArrayList<>();
        long drawn = 0;
        for (List<Object> row : rows) {
            long size = QueryResult.number(row, bytes);
            long instances = QueryResult.number(row, count);
            names.add(QueryResult.text(row, function) + (instances > 1 ? " (" + instances + " instantiations)" : ""));
            weights.add(size);
            drawn += size;
        }
        if (codeBytes > drawn) {
            names.add("other functions");
            weights.add(codeBytes - drawn);
        }
        int dataIndex = dataBytes > 0 ? names.size() : -1;
        if (dataBytes > 0) {
            names.add("data (statics)");
            weights.add(dataBytes);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Long.compare(weights.get(b), weights.get(a)));
        List<Treemap.Rect> rects = Treemap.layout(order.stream().map(weights::get).toList(), area);
        for (int k = 0; k < rects.size(); k++) {
            int i = order.get(k);
            Treemap.Rect box = rects.get(k);
            boolean data = i == dataIndex;
            out.append("<g class=\"").append(data ? "data" : "function").append("\">");
            rect(out, box, String.format(Locale.ROOT, "hsl(%.0f,%d%%,%d%%)", hue, data ? 20 : 50, data ? 80 : 62 + (k % 3) * 6),
                    names.get(i) + ": " + Html.number(weights.get(i)) + " bytes");
            if (box.width() > 60 && box.height() > 14) {
                label(out, box.x() + 2, box.y() + 11, box.width() - 4, names.get(i), "function-label");
            }
            out.append("</g>");
        }
    }

    private static void rect(StringBuilder out, Treemap.Rect box, String fill, String title) {
        out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" stroke=\"#fff\" stroke-width=\"0.5\">",
                box.x(), box.y(), box.width(), box.height(), fill));
        out.append("<title>").append(Html.escape(title)).append("</title></rect>");
    }

    /** Text cut to what fits in {@code width} at about 6.5 pixels a character. */
    private static void label(StringBuilder out, double x, double y, double width, String text, String cssClass) {
        int fits = (int) (width / 6.5);
        String shown = text.length() <= fits ? text : fits > 1 ? text.substring(0, fits - 1) + "…" : "";
        out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"%s\">", x, y, cssClass)).append(Html.escape(shown)).append("</text>");
    }

    /** Horizontal bars, one per row: the label column's text, the value column's length (negative values to the left). */
    static void bars(StringBuilder out, QueryResult result, String labelColumn, String valueColumn, String unit, String id) {
        int label = result.column(labelColumn);
        int value = result.column(valueColumn);
        long max = 1;
        boolean negative = false;
        for (List<Object> row : result.rows()) {
            long v = QueryResult.number(row, value);
            max = Math.max(max, Math.abs(v));
            negative |= v < 0;
        }
        int height = Math.max(1, result.rows().size()) * BAR_HEIGHT + 4;
        int width = LABEL_WIDTH + BAR_WIDTH + 160;
        double zero = LABEL_WIDTH + (negative ? BAR_WIDTH / 2.0 : 0);
        double scale = (negative ? BAR_WIDTH / 2.0 : BAR_WIDTH) / max;
        out.append("<svg id=\"").append(Html.escape(id)).append("\" class=\"bars\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height).append("\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        for (int i = 0; i < result.rows().size(); i++) {
            List<Object> row = result.rows().get(i);
            long v = QueryResult.number(row, value);
            String name = QueryResult.text(row, label);
            double y = i * BAR_HEIGHT + 2;
            double length = Math.abs(v) * scale;
            double x = v < 0 ? zero - length : zero;
            out.append("<g class=\"bar\" data-label=\"").append(Html.escape(name)).append("\" data-value=\"").append(v).append("\">");
            label(out, 0, y + 13, LABEL_WIDTH - 8, name, "bar-label");
            out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" class=\"%s\"><title>", x, y, Math.max(length, 0.5),
                    BAR_HEIGHT - 4, v < 0 ? "shrank" : "grew"));
            out.append(Html.escape(name + ": " + Html.number(v) + " " + unit)).append("</title></rect>");
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"bar-value\">", Math.max(x + length, zero) + 4, y + 13))
                    .append(Html.number(v)).append("</text></g>\n");
        }
        out.append("</svg>\n");
    }
}
