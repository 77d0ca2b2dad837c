package dev.rustbin.spark;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

/**
 * bench/spark.sh's Spark side: one local session with the given cores, the rustbin tables a query
 * names registered as views over one directory, the query timed from submission to its last row.
 * Run with Spark's own classpath and the shaded jar only, as spark-submit would. Besides times it
 * prints how the rows spread over the scan's tasks (the largest task's share bounds the speed-up
 * any number of cores can give, whatever else runs on the machine) and the tasks' time against their
 * CPU time (what they spent waiting for a core that other threads, such as the JIT and GC, held). Options after the
 * query go to the reader as they are (cache=false, cache_dir=DIR).
 *   SparkBenchmark CORES DIR TABLE SQL [OPTION=VALUE...]
 */
public final class SparkBenchmark {

    private SparkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int cores = Integer.parseInt(args[0]);
        String dir = args[1];
        String table = args[2];
        String sql = args[3];
        long started = System.nanoTime();
        SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("rustbin-bench")
                .config("spark.ui.enabled", false).config("spark.sql.shuffle.partitions", cores).getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        record ScanTask(long extracted, long fromCache, long runMillis, long cpuNanos) {
            long rows() {
                return extracted + fromCache;
            }
        }
        List<ScanTask> scanTasks = new CopyOnWriteArrayList<>();
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                long extracted = -1;
                long fromCache = 0;
                for (AccumulableInfo info : CollectionConverters.asJava(end.taskInfo().accumulables())) {
                    if (info.name().contains("rows extracted") && info.update().isDefined()) {
                        extracted = Long.parseLong(info.update().get().toString());
                    }
                    if (info.name().contains("rows from the table cache") && info.update().isDefined()) {
                        fromCache = Long.parseLong(info.update().get().toString());
                    }
                }
                if (extracted >= 0 || fromCache > 0) {
                    scanTasks.add(new ScanTask(Math.max(0, extracted), fromCache, end.taskMetrics().executorRunTime(),
                            end.taskMetrics().executorCpuTime()));
                }
            }
        });
        DataFrameReader reader = spark.read().format("rustbin").option("table", table);
        for (int i = 4; i < args.length; i++) {
            String[] option = args[i].split("=", 2);
            reader = reader.option(option[0], option[1]);
        }
        reader.load(dir).createOrReplaceTempView(table);
        long ready = System.nanoTime();
        List<Row> rows = spark.sql(sql).collectAsList();
        long done = System.nanoTime();
        spark.sparkContext().listenerBus().waitUntilEmpty(); // task ends reach listeners asynchronously
        rows.forEach(row -> System.out.println("  " + row.mkString(" | ")));
        System.out.printf("spark local[%d]: query %.2f s (session start %.2f s)%n", cores, (done - ready) / 1e9, (ready - started) / 1e9);
        long total = scanTasks.stream().mapToLong(ScanTask::rows).sum();
        long largest = scanTasks.stream().mapToLong(ScanTask::rows).max().orElse(0);
        System.out.printf("scan tasks: %d, rows extracted: %d, rows from the cache: %d, largest task: %.1f%% of the rows"
                        + " (speed-up bound for 2 cores: %.2fx); task time %.1f s, of it on a CPU %.1f s%n",
                scanTasks.size(), scanTasks.stream().mapToLong(ScanTask::extracted).sum(), scanTasks.stream().mapToLong(ScanTask::fromCache).sum(),
                100.0 * largest / Math.max(1, total), total / (double) Math.max(1, Math.max(largest, (total + 1) / 2)),
                scanTasks.stream().mapToLong(ScanTask::runMillis).sum() / 1e3, scanTasks.stream().mapToLong(ScanTask::cpuNanos).sum() / 1e9);
        spark.stop();
    }
}
