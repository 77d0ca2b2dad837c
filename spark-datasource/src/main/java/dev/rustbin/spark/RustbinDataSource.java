package dev.rustbin.spark;

import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The {@code rustbin} data source: {@code spark.read.format("rustbin").option("table", "binary_symbols").load(dir)}
 * or {@code CREATE TABLE t USING rustbin OPTIONS (table 'binary_symbols', path '/dir')}. The schema is
 * the table's own definition; a schema given by the user is not taken.
 */
public final class RustbinDataSource implements TableProvider, DataSourceRegister {

    @Override
    public String shortName() {
        return "rustbin";
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        return SparkSchemas.of(ScanOptions.tableOf(options));
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        return new RustbinTable(ScanOptions.of(new CaseInsensitiveStringMap(properties)));
    }
}
