package dev.nabla.data;

import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * The label and features columns of a DataFrame, checked against its schema on the driver, and the
 * dimensions taken from the first row when the options leave them to be inferred.
 *
 * @param label the label as a double column, or the Vector column for multi-target regression
 * @param features the {@code ml.linalg} Vector column
 * @param vectorLabel the label is a Vector
 * @param numFeatures the required feature dimension (from the options or the first row; 0 if no row)
 * @param numTargets regression: the target count (1 for a numeric label)
 */
record FrameColumns(Column label, Column features, boolean vectorLabel, int numFeatures, int numTargets) {

  /** @throws DataException naming the missing or mistyped column and listing the columns present */
  static FrameColumns of(Dataset<Row> df, ReadOptions o, String source) {
    StructType schema = df.schema();
    String labelName = o.frameLabelCol();
    String featuresName = o.frameFeaturesCol();
    DataType labelType = typeOf(schema, labelName, "labelCol", source);
    DataType featuresType = typeOf(schema, featuresName, "featuresCol", source);
    if (!featuresType.equals(SQLDataTypes.VectorType())) {
      throw new DataException(source + ": features column '" + featuresName + "' has type " + featuresType.simpleString()
          + "; it must be an org.apache.spark.ml.linalg.Vector (e.g. from VectorAssembler"
          + (featuresType.getClass().getName().contains(".mllib.") ? ", or MLUtils.convertVectorColumnsToML)" : ")"));
    }
    boolean vectorLabel = labelType.equals(SQLDataTypes.VectorType());
    if (vectorLabel && o.classification()) {
      throw new DataException(source + ": label column '" + labelName + "' is a Vector, which only regression takes;"
          + " classification needs a numeric class index column");
    }
    if (!vectorLabel && !(labelType instanceof NumericType)) {
      throw new DataException(source + ": label column '" + labelName + "' has type " + labelType.simpleString()
          + "; it must be numeric" + (o.classification() ? " (class indices 0..K-1)" : " or an ml.linalg Vector"));
    }
    Column label = vectorLabel ? df.col(quote(labelName)) : df.col(quote(labelName)).cast(DataTypes.DoubleType);
    Column features = df.col(quote(featuresName));
    int numFeatures = o.numFeatures();
    int numTargets = 1;
    if (numFeatures == 0 || vectorLabel) {
      Column present = vectorLabel ? features.isNotNull().and(label.isNotNull()) : features.isNotNull();
      List<Row> first = df.select(label, features).where(present).limit(1).collectAsList();
      if (!first.isEmpty()) {
        numFeatures = numFeatures > 0 ? numFeatures : ((Vector) first.get(0).get(1)).size();
        numTargets = vectorLabel ? ((Vector) first.get(0).get(0)).size() : 1;
      }
    }
    return new FrameColumns(label, features, vectorLabel, numFeatures, numTargets);
  }

  private static DataType typeOf(StructType schema, String name, String option, String source) {
    for (var f : schema.fields()) {
      if (f.name().equals(name)) {
        return f.dataType();
      }
    }
    throw new DataException(source + ": no column '" + name + "'; columns present: "
        + String.join(", ", schema.fieldNames()) + "; set " + option + " to one of them");
  }

  /** {@code name} quoted for {@link Dataset#col}, so that dots and spaces are part of the name. */
  private static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
