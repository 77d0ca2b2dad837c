package dev.rustbin.spark;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/**
 * What the scans extracted, summed over tasks and shown on the scan node in Spark's SQL UI (and
 * its plan's metrics): rows made, values (rows times columns) written, and rows read back from the
 * table cache instead. Pushed filters, pruned columns and cache hits show up here as work not done.
 */
final class ScanMetrics {

    static final String ROWS = "rowsExtracted";
    static final String VALUES = "valuesExtracted";
    static final String FROM_CACHE = "rowsFromCache";

    private ScanMetrics() {
    }

    /** A sum over tasks; Spark makes each metric from its class name, so each is a class with a no-argument constructor. */
    private abstract static class Sum extends CustomSumMetric {
        private final String name;
        private final String description;

        Sum(String name, String description) {
            this.name = name;
            this.description = description;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return description;
        }
    }

    /** Rows the extractors produced, before Spark's filters. */
    public static final class Rows extends Sum {
        public Rows() {
            super(ROWS, "rows extracted");
        }
    }

    /** Values written into the batches: rows times the columns read. */
    public static final class Values extends Sum {
        public Values() {
            super(VALUES, "values extracted");
        }
    }

    /** Rows read back from table cache entries: extracted by an earlier read, here or on another executor. */
    public static final class FromCache extends Sum {
        public FromCache() {
            super(FROM_CACHE, "rows from the table cache");
        }
    }

    static CustomMetric[] all() {
        return new CustomMetric[] {new Rows(), new Values(), new FromCache()};
    }

    static CustomTaskMetric[] values(long rows, long values, long fromCache) {
        return new CustomTaskMetric[] {task(ROWS, rows), task(VALUES, values), task(FROM_CACHE, fromCache)};
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
