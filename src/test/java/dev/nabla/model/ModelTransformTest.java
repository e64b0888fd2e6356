package dev.nabla.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.testing.SharedSpark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ModelTransformTest extends SharedSpark {
  private static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.IntegerType, false)
      .add("features", SQLDataTypes.VectorType(), false);

  /** {@code rows} samples of n features, column-major, seeded; every third one with zeros. */
  private static double[] features(int rows, int n) {
    SplittableRandom rng = new SplittableRandom(rows * 31L + n);
    double[] x = new double[rows * n];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 3 == 0 ? 0.0 : rng.nextDouble(-4, 4);
    }
    return x;
  }

  /** One row per column of x: even ids dense, odd ids sparse, over two partitions. */
  private Dataset<Row> frame(double[] x, int n) {
    List<Row> rows = new ArrayList<>();
    for (int c = 0; c < x.length / n; c++) {
      double[] v = Arrays.copyOfRange(x, c * n, (c + 1) * n);
      Vector vec = c % 2 == 0 ? Vectors.dense(v) : Vectors.dense(v).toSparse();
      rows.add(RowFactory.create(c, vec));
    }
    return spark.createDataFrame(rows, SCHEMA).repartition(2);
  }

  private static List<Row> byId(Dataset<Row> df) {
    List<Row> rows = new ArrayList<>(df.collectAsList());
    rows.sort(Comparator.comparingInt(r -> r.getInt(0)));
    return rows;
  }

  @Test
  void softmaxTransformEqualsPredictRawAndPredictClassRowByRow() {
    Model m = TestModels.softmaxClassifier();
    int n = 2;
    int count = 11;
    double[] x = features(count, n);
    double[] raw = m.predictRaw(x, count);
    int[] classes = m.predictClass(x, count);
    for (int batch : new int[] {3, Model.TRANSFORM_BATCH}) {
      List<Row> out = byId(m.transform(frame(x, n), "features", batch));
      assertEquals(count, out.size());
      for (int c = 0; c < count; c++) {
        Row r = out.get(c);
        assertEquals(c, r.getInt(0));
        assertEquals(classes[c], r.getDouble(2), 0.0, "row " + c);
        assertArrayEquals(Arrays.copyOfRange(raw, 2 * c, 2 * c + 2), ((Vector) r.get(3)).toArray(), 1e-12, "row " + c);
      }
    }
  }

  @Test
  void singleOutputBinaryModelGivesAOneEntryProbabilityVector() {
    Model m = TestModels.binaryClassifier();
    double[] x = {0.5, 0.4, -2, 3};
    List<Row> out = byId(m.transform(frame(x, 1), "features"));
    double[] raw = m.predictRaw(x, 4);
    for (int c = 0; c < 4; c++) {
      assertEquals(m.predictClass(x, 4)[c], out.get(c).getDouble(2), 0.0);
      assertArrayEquals(new double[] {raw[c]}, ((Vector) out.get(c).get(3)).toArray(), 1e-12);
    }
    assertEquals(1.0, out.get(0).getDouble(2), 0.0, "a = 0.5 exactly is class 1");
  }

  @Test
  void regressionAddsOnlyThePredictionOfTheFirstTarget() {
    Model m = TestModels.regressor();
    double[] x = features(7, 3);
    Dataset<Row> result = m.transform(frame(x, 3), "features");
    assertEquals(List.of("id", "features", "prediction"), Arrays.asList(result.columns()));
    List<Row> out = byId(result);
    double[] raw = m.predictRaw(x, 7);
    for (int c = 0; c < 7; c++) {
      assertEquals(raw[2 * c], out.get(c).getDouble(2), 1e-12, "row " + c);
    }
  }

  @Test
  void failsNamingTheColumnWhenAVectorHasTheWrongSize() {
    Model m = TestModels.regressor();
    Dataset<Row> df = frame(features(4, 2), 2);
    Exception e = assertThrows(Exception.class, () -> m.transform(df, "features").collectAsList());
    String chain = messages(e);
    assertTrue(chain.contains("column 'features' holds a vector of size 2 but the model expects n_0 = 3 features"),
        chain);
  }

  @Test
  void rejectsAMissingOrNonVectorFeaturesColumn() {
    Model m = TestModels.softmaxClassifier();
    Dataset<Row> df = frame(features(2, 2), 2);
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> m.transform(df, "x"));
    assertTrue(missing.getMessage().contains("DataFrame has no column 'x'; its columns are [id, features]"),
        missing.getMessage());
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> m.transform(df, "id"));
    assertTrue(type.getMessage().contains("column 'id' has type int; it must be an ml.linalg Vector"),
        type.getMessage());
  }

  @Test
  void refusesToShadowAnExistingPredictionColumn() {
    Model m = TestModels.softmaxClassifier();
    Dataset<Row> df = frame(features(2, 2), 2).withColumnRenamed("id", "prediction");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.transform(df, "features"));
    assertTrue(e.getMessage().contains("already has a column 'prediction'"), e.getMessage());
  }

  private static String messages(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c.getMessage()).append(" | ");
    }
    return b.toString();
  }
}
