package dev.nabla.ml;

import dev.nabla.model.Model;
import dev.nabla.model.ModelIO;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLWriter;

/**
 * Saves a Nabla Spark ML model: Spark's params metadata in {@code PATH/metadata} (what
 * {@code PipelineModel.load} reads to find the class) and the Nabla model directory
 * ({@code manifest.json}, {@code params.bin}, {@code scaling.bin}) in {@code PATH/data}, through the
 * Hadoop file system API. Spark's {@code MLWriter.save} has already refused or cleared an existing PATH.
 */
final class ModelWriter extends MLWriter {
  static final String DATA = "data";

  private final Params instance;
  private final Model model;

  ModelWriter(Params instance, Model model) {
    this.instance = instance;
    this.model = model;
  }

  @Override
  public void saveImpl(String path) {
    DefaultParamsWriter$.MODULE$.saveMetadata(instance, path, sparkSession());
    ModelIO.save(model, new Path(path, DATA).toString(), false, sparkSession().sparkContext().hadoopConfiguration());
  }
}
