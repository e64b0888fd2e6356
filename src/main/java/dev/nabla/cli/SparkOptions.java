package dev.nabla.cli;

import dev.nabla.train.SparkDefaults;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * How a command gets its Spark session. The master comes from spark-submit (spark.master), or from
 * {@code --master} when run by the local launcher; Nabla itself never picks one.
 */
final class SparkOptions {
  @Option(names = "--master", description = "Spark master when not run by spark-submit, e.g. local[*] (the "
      + "submit-scripts/nabla launcher passes local[*] by default).")
  String master;

  @Option(names = "--verbose", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
      description = "Print stack traces of errors.")
  boolean verbose;

  private SparkSession session;

  /** Stops the session this command started, if any (so an in-process caller can run another command). */
  void stop() {
    if (session != null) {
      session.stop();
      session = null;
    }
  }

  SparkSession session(String appName) {
    SparkConf conf = new SparkConf();
    if (master != null) {
      conf.setMaster(master);
    }
    if (!conf.contains("spark.master")) {
      throw new UsageException("no Spark master: run through spark-submit (submit-scripts/nabla does) or pass "
          + "--master, e.g. --master 'local[*]'");
    }
    if (!conf.contains("spark.app.name")) {
      conf.setAppName(appName);
    }
    SparkDefaults.apply(conf);
    session = SparkSession.builder().config(conf).getOrCreate();
    session.sparkContext().setLogLevel(verbose ? "INFO" : "WARN");
    return session;
  }
}
