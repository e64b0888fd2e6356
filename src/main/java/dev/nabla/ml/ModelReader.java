package dev.nabla.ml;

import dev.nabla.model.Model;
import dev.nabla.model.ModelIO;
import java.util.function.BiFunction;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsReader.Metadata;
import org.apache.spark.ml.util.MLReader;
import scala.Option;

/**
 * Loads what {@link ModelWriter} saved: checks that the metadata names the expected class, loads the
 * Nabla model from {@code PATH/data}, rebuilds the Spark model with the saved uid and sets the saved
 * params.
 *
 * @param <M> the Spark model class
 */
final class ModelReader<M extends Params> extends MLReader<M> {
  private final Class<M> type;
  private final BiFunction<String, Model, M> make;

  ModelReader(Class<M> type, BiFunction<String, Model, M> make) {
    this.type = type;
    this.make = make;
  }

  @Override
  public M load(String path) {
    Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(), type.getName());
    Model model = ModelIO.load(new Path(path, ModelWriter.DATA).toString(),
        sparkSession().sparkContext().hadoopConfiguration());
    M out = make.apply(metadata.uid(), model);
    metadata.getAndSetParams(out, Option.empty());
    return out;
  }
}
