package dev.nabla.ml;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Small seeded data sets for the Spark ML tests: raw numeric columns, as a user's table would have them. */
final class MlData {
  /** The raw feature columns of {@link #blobs} and {@link #plane}. */
  static final String[] COLUMNS = {"x1", "x2", "x3"};

  private MlData() {
  }

  /**
   * Three separable Gaussian blobs (σ = 0.6) around (0, 0, 0), (4, 0, 200), (0, 4, −200) in columns
   * x1, x2, x3 (x3 on a 100× larger scale, so scaling matters), label 0, 1, 2 (double) in turn.
   */
  static Dataset<Row> blobs(SparkSession spark, int rows, long seed) {
    double[][] centers = {{0, 0, 0}, {4, 0, 200}, {0, 4, -200}};
    Random r = new Random(seed);
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      int c = i % 3;
      out.add(RowFactory.create(centers[c][0] + 0.6 * r.nextGaussian(), centers[c][1] + 0.6 * r.nextGaussian(),
          centers[c][2] + 60 * r.nextGaussian(), (double) c));
    }
    return spark.createDataFrame(out, schema("label"));
  }

  /** y = 3·x1 − 2·x2 + 0.5·x3 + 1 + noise (σ = 0.05), x uniform in [−1, 1]. */
  static Dataset<Row> plane(SparkSession spark, int rows, long seed) {
    Random r = new Random(seed);
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      double x1 = 2 * r.nextDouble() - 1;
      double x2 = 2 * r.nextDouble() - 1;
      double x3 = 2 * r.nextDouble() - 1;
      out.add(RowFactory.create(x1, x2, x3, 3 * x1 - 2 * x2 + 0.5 * x3 + 1 + 0.05 * r.nextGaussian()));
    }
    return spark.createDataFrame(out, schema("y"));
  }

  /** {@code df} with a {@code features} vector column assembled from x1, x2, x3. */
  static Dataset<Row> assembled(Dataset<Row> df) {
    return new VectorAssembler().setInputCols(COLUMNS).setOutputCol("features").transform(df);
  }

  private static StructType schema(String target) {
    return new StructType().add("x1", DataTypes.DoubleType).add("x2", DataTypes.DoubleType)
        .add("x3", DataTypes.DoubleType).add(target, DataTypes.DoubleType);
  }
}
