package dev.rustbin.spark;

import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** One rustbin table over the binaries the options name; read-only, in batches. */
final class RustbinTable implements SupportsRead {

    private final ScanOptions options;

    RustbinTable(ScanOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "rustbin." + options.table().name();
    }

    @Override
    public StructType schema() {
        return SparkSchemas.of(options.table());
    }

    @Override
    public Set<TableCapability> capabilities() {
        return Set.of(TableCapability.BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap ignored) {
        return new RustbinScanBuilder(options);
    }
}
