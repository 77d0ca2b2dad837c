package dev.rustbin.spark;

import dev.rustbin.schema.ScanRequest;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructType;

/** One planned read: the binaries cut into tasks, each reading the projected columns as Arrow-backed batches. */
final class RustbinScan implements Scan, Batch {

    private final ScanOptions options;
    private final StructType schema;
    private final int[] projection;
    private final ScanRequest request;
    private final Filter[] pushed;

    RustbinScan(ScanOptions options, StructType schema, int[] projection, ScanRequest request, Filter[] pushed) {
        this.options = options;
        this.schema = schema;
        this.projection = projection;
        this.request = request;
        this.pushed = pushed;
    }

    @Override
    public StructType readSchema() {
        return schema;
    }

    @Override
    public String description() {
        return "rustbin " + options.table().name() + " " + options.paths()
                + " PushedFilters: [" + Arrays.stream(pushed).map(Filter::toString).collect(Collectors.joining(", ")) + "]"
                + ", ReadSchema: " + schema.catalogString();
    }

    @Override
    public Batch toBatch() {
        return this;
    }

    @Override
    public InputPartition[] planInputPartitions() {
        int parallelism = SparkSession.active().sparkContext().defaultParallelism();
        return PartitionPlanner.plan(options, projection, request, parallelism).toArray(InputPartition[]::new);
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        return new BatchReaderFactory(options.table().name(), projection, schema, options.cache());
    }

    @Override
    public CustomMetric[] supportedCustomMetrics() {
        return ScanMetrics.all();
    }
}
