package dev.nabla.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Text files read with Hadoop's {@link TextInputFormat} (compressed files, e.g. .gz, are decompressed by
 * Hadoop and are not split), one partition per input split, each knowing its file and byte offset.
 * Splits are capped at (total size / minPartitions) bytes so that splittable input gives at least
 * minPartitions partitions.
 */
final class TextSource implements RowSource {
  private final String name;
  private final JavaNewHadoopRDD<LongWritable, Text> lines;
  private final HashMap<String, Integer> ranks;
  private final LineParser parser;

  private TextSource(String name, JavaNewHadoopRDD<LongWritable, Text> lines, HashMap<String, Integer> ranks,
      LineParser parser) {
    this.name = name;
    this.lines = lines;
    this.ranks = ranks;
    this.parser = parser;
  }

  /**
   * The text files {@code files} (in file-name order) parsed by {@code parser}. The paths are handed to
   * Hadoop as {@link Path} objects (what {@code newAPIHadoopFile} does with a comma-separated string,
   * minus the re-splitting on commas); single-threaded listing keeps their order.
   */
  static TextSource open(SparkSession spark, String name, List<FileStatus> files, LineParser parser, int minPartitions) {
    return open(spark, name, files, parser, minPartitions, Long.MAX_VALUE);
  }

  /**
   * The files in splits of at most {@code splitBytes} (Hadoop's own block size permitting), whatever the
   * partitioning: the splits are the shards of a training load, and the epoch's shuffle moves them as wholes, so
   * their boundaries must not depend on the number of partitions.
   */
  static TextSource fixedSplits(SparkSession spark, String name, List<FileStatus> files, LineParser parser,
      long splitBytes) {
    return open(spark, name, files, parser, 1, splitBytes);
  }

  private static TextSource open(SparkSession spark, String name, List<FileStatus> files, LineParser parser,
      int minPartitions, long maxSplitBytes) {
    try {
      Job job = Job.getInstance(new Configuration(spark.sparkContext().hadoopConfiguration()));
      Path[] paths = new Path[files.size()];
      HashMap<String, Integer> ranks = new HashMap<>();
      long total = 0;
      for (int i = 0; i < paths.length; i++) {
        paths[i] = files.get(i).getPath();
        ranks.put(paths[i].toString(), i);
        total += files.get(i).getLen();
      }
      FileInputFormat.setInputPaths(job, paths);
      FileInputFormat.setMaxInputSplitSize(job, Math.max(1, Math.min(maxSplitBytes, (total + minPartitions - 1) / minPartitions)));
      job.getConfiguration().setInt(FileInputFormat.LIST_STATUS_NUM_THREADS, 1);
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      JavaNewHadoopRDD<LongWritable, Text> rdd = (JavaNewHadoopRDD<LongWritable, Text>) sc.newAPIHadoopRDD(
          job.getConfiguration(), TextInputFormat.class, LongWritable.class, Text.class);
      return new TextSource(name, rdd, ranks, parser);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set up reading " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public <T> JavaRDD<T> mapPartitions(PartitionFunction<T> fn) {
    HashMap<String, Integer> ranks = this.ranks;
    LineParser parser = this.parser;
    return lines.mapPartitionsWithInputSplit((split, it) -> {
      FileSplit fileSplit = (FileSplit) split;
      Integer rank = ranks.get(fileSplit.getPath().toString());
      if (rank == null) {
        throw new IllegalStateException("Hadoop returned a split of " + fileSplit.getPath() + ", which was not listed");
      }
      Origin origin = new Origin(InputFiles.display(fileSplit.getPath()), rank, fileSplit.getStart(), true);
      return fn.apply(TaskContext.getPartitionId(), origin, new LineRows(it, parser, origin));
    }, false);
  }
}
