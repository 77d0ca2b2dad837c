package dev.rustbin.cli.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Squarified treemap layout (Bruls, Huizing and van Wijk, 2000): rectangles whose areas are in
 * proportion to the weights, laid in rows along the shorter side of what is left, each row grown while
 * that keeps its worst aspect ratio from getting worse. Weights are given largest first; a weight of
 * 0 gets an empty rectangle, so every item has one.
 */
final class Treemap {

    record Rect(double x, double y, double width, double height) {

        Rect inset(double top, double side) {
            double w = Math.max(0, width - 2 * side);
            double h = Math.max(0, height - top - side);
            return new Rect(x + Math.min(side, width / 2), y + Math.min(top, height), w, h);
        }
    }

    private Treemap() {
    }

    static List<Rect> layout(List<Long> weights, Rect area) {
        double total = weights.stream().mapToDouble(Long::doubleValue).sum();
        double scale = total > 0 ? area.width() * area.height() / total : 0;
        double[] areas = weights.stream().mapToDouble(w -> Math.max(0, w) * scale).toArray();
        List<Rect> out = new ArrayList<>();
        Rect free = area;
        int start = 0;
        while (start < areas.length) {
            double side = Math.min(free.width(), free.height());
            int end = start + 1;
            double sum = areas[start];
            double worst = worst(areas, start, end, sum, side);
            while (end < areas.length) {
                double grown = worst(areas, start, end + 1, sum + areas[end], side);
                if (grown > worst) {
                    break;
                }
                worst = grown;
                sum += areas[end++];
            }
            double thickness = side > 0 ? sum / side : 0;
            boolean column = free.width() >= free.height();
            double offset = 0;
            for (int i = start; i < end; i++) {
                double length = thickness > 0 ? areas[i] / thickness : 0;
                out.add(column ? new Rect(free.x(), free.y() + offset, thickness, length)
                        : new Rect(free.x() + offset, free.y(), length, thickness));
                offset += length;
            }
            free = column ? new Rect(free.x() + thickness, free.y(), Math.max(0, free.width() - thickness), free.height())
                    : new Rect(free.x(), free.y() + thickness, free.width(), Math.max(0, free.height() - thickness));
            start = end;
        }
        return out;
    }

    /** The worst aspect ratio of a row of areas[from..to) laid along a side of this length (1 for nothing to lay). */
    private static double worst(double[] areas, int from, int to, double sum, double side) {
        if (sum <= 0 || side <= 0) {
            return 1;
        }
        double worst = 1;
        for (int i = from; i < to; i++) {
            if (areas[i] > 0) {
                double a = areas[i];
                worst = Math.max(worst, Math.max(side * side * a / (sum * sum), sum * sum / (side * side * a)));
            }
        }
        return worst;
    }
}
