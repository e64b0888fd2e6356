package dev.nabla.testing;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One {@code local[2]} Spark session per test class, named after the class (the pattern of Spark's own
 * {@code SharedSparkSession}). Extend it and use {@link #spark}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SharedSpark {
  protected SparkSession spark;

  @BeforeAll
  void startSpark() {
    spark = SparkSession.builder()
        .master("local[2]")
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
