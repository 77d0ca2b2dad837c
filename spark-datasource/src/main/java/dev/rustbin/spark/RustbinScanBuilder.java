package dev.rustbin.spark;

import dev.rustbin.schema.ScanRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Takes the columns a query reads and its filters down to the extractors' {@link ScanRequest}. The
 * request only lets a scan skip work (binaries by path, code by section, symbol and address, unread
 * columns), so every filter also goes back to Spark, which evaluates it on the rows, as it does
 * for Parquet's row-group statistics.
 */
final class RustbinScanBuilder implements ScanBuilder, SupportsPushDownRequiredColumns, SupportsPushDownFilters {

    private final ScanOptions options;
    private StructType required;
    private Filter[] pushed = new Filter[0];
    private List<Filter> usable = List.of();

    RustbinScanBuilder(ScanOptions options) {
        this.options = options;
        this.required = SparkSchemas.of(options.table());
    }

    @Override
    public void pruneColumns(StructType requiredSchema) {
        this.required = requiredSchema;
    }

    @Override
    public Filter[] pushFilters(Filter[] filters) {
        usable = Arrays.stream(filters).filter(f -> FilterHints.narrows(options.table(), f)).toList();
        pushed = usable.toArray(Filter[]::new);
        return filters;
    }

    @Override
    public Filter[] pushedFilters() {
        return pushed.clone();
    }

    @Override
    public Scan build() {
        int[] projection = Arrays.stream(required.fields()).map(StructField::name).mapToInt(options.table()::columnIndex).toArray();
        ScanRequest request = new ScanRequest(Set.of(required.fieldNames()), Map.of(), Map.of());
        for (Filter filter : usable) {
            request = FilterHints.narrow(options.table(), filter, request);
        }
        return new RustbinScan(options, required, projection, request, pushed);
    }
}
