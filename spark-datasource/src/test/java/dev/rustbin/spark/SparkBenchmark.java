package dev.rustbin.spark;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * bench/spark.sh's Spark side: one local session with the given cores, the rustbin tables a query
 * names registered as views over one directory, the query timed from submission to its last row.
 * Run with Spark's own classpath and the shaded jar only, as spark-submit would.
 *   SparkBenchmark CORES DIR TABLE SQL
 */
public final class SparkBenchmark {

    private SparkBenchmark() {
    }

    public static void main(String[] args) {
        int cores = Integer.parseInt(args[0]);
        String dir = args[1];
        String table = args[2];
        String sql = args[3];
        long started = System.nanoTime();
        SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("rustbin-bench")
                .config("spark.ui.enabled", false).config("spark.sql.shuffle.partitions", cores).getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        spark.read().format("rustbin").option("table", table).load(dir).createOrReplaceTempView(table);
        long ready = System.nanoTime();
        List<Row> rows = spark.sql(sql).collectAsList();
        long done = System.nanoTime();
        rows.forEach(row -> System.out.println("  " + row.mkString(" | ")));
        System.out.printf("spark local[%d]: query %.2f s (session start %.2f s)%n", cores, (done - ready) / 1e9, (ready - started) / 1e9);
        spark.stop();
    }
}
