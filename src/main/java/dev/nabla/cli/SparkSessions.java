package dev.nabla.cli;

import dev.nabla.train.SparkDefaults;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Starts a command's Spark session from its {@link SparkOptions}. Kept apart from the option classes so
 * that only the commands that run Spark load Spark's classes.
 */
final class SparkSessions {
  private SparkSessions() {
  }

  /**
   * The session for {@code appName} (unless spark.app.name is set), with Nabla's Spark defaults where the
   * configuration does not set them; the caller stops it.
   *
   * @throws UsageException when neither spark-submit nor {@code --master} gave a master
   */
  static SparkSession start(SparkOptions options, String appName) {
    SparkConf conf = new SparkConf();
    if (options.master != null) {
      conf.setMaster(options.master);
    }
    if (!conf.contains("spark.master")) {
      throw new UsageException("no Spark master: run through spark-submit (submit-scripts/nabla does) or pass "
          + "--master, e.g. --master 'local[*]'");
    }
    if (!conf.contains("spark.app.name")) {
      conf.setAppName(appName);
    }
    SparkDefaults.apply(conf);
    SparkSession session = SparkSession.builder().config(conf).getOrCreate();
    session.sparkContext().setLogLevel(options.verbose ? "INFO" : "WARN");
    return session;
  }
}
