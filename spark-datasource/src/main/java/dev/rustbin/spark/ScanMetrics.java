package dev.rustbin.spark;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/**
 * What the scans extracted, summed over tasks and shown on the scan node in Spark's SQL UI (and
 * its plan's metrics): rows made, and values (rows times columns) written. Pushed filters and
 * pruned columns show up here as work not done.
 */
final class ScanMetrics {

    static final String ROWS = "rowsExtracted";
    static final String VALUES = "valuesExtracted";

    private ScanMetrics() {
    }

    /** Rows the extractors produced, before Spark's filters. */
    public static final class Rows extends CustomSumMetric {
        @Override
        public String name() {
            return ROWS;
        }

        @Override
        public String description() {
            return "rows extracted";
        }
    }

    /** Values written into the batches: rows times the columns read. */
    public static final class Values extends CustomSumMetric {
        @Override
        public String name() {
            return VALUES;
        }

        @Override
        public String description() {
            return "values extracted";
        }
    }

    static CustomMetric[] all() {
        return new CustomMetric[] {new Rows(), new Values()};
    }

    static CustomTaskMetric[] values(long rows, long values) {
        return new CustomTaskMetric[] {task(ROWS, rows), task(VALUES, values)};
    }

    private static CustomTaskMetric task(String name, long value) {
        return new CustomTaskMetric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long value() {
                return value;
            }
        };
    }
}
