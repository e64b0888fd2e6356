package dev.nabla.testing;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One {@code local[2]} Spark session (or {@link #master()}'s) per test class, named after the class (the pattern of Spark's own
 * {@code SharedSparkSession}). Extend it and use {@link #spark}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SharedSpark {
  protected SparkSession spark;

  /** The session's master: local[2], unless a test class needs more task slots. */
  protected String master() {
    return "local[2]";
  }

  @BeforeAll
  void startSpark() {
    spark = SparkSession.builder()
        .master(master())
        .appName(getClass().getSimpleName())
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
  }

  @AfterAll
  void stopSpark() {
    if (spark != null) {
      spark.stop();
      spark = null;
    }
  }
}
