package dev.nabla.cli;

import dev.nabla.train.RunSettings;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The settings of {@code nabla train} that change the bits but that the trainer cannot see: which data, read how,
 * scaled how. They go into every checkpoint ahead of the trainer's own ({@link dev.nabla.train.RunSettings}), so
 * {@code --resume} with other data stops with exit 2 naming the flag. Paths are compared fully qualified
 * ({@code data/x} and {@code file:/home/me/data/x} are the same file).
 */
final class DataIdentity {
  private static final String NOT_SET = RunSettings.NOT_SET;

  private DataIdentity() {
  }

  /** The data settings by flag, in a fixed order; an unset one is {@code (not set)}. */
  static Map<String, String> of(TrainCommand cmd, Settings settings, Configuration hadoop) {
    DataOptions d = cmd.data;
    Map<String, String> m = new LinkedHashMap<>();
    m.put("--train", qualified(cmd.train, hadoop));
    m.put("--validation", cmd.validation == null ? NOT_SET : qualified(cmd.validation, hadoop));
    m.put("--validation-fraction", Double.toString(cmd.validationFraction));
    m.put("--format", d.format);
    m.put("--label-col", d.labelCol == null ? NOT_SET : d.labelCol);
    m.put("--features-col", d.featuresCol == null ? NOT_SET : d.featuresCol);
    m.put("--labels", d.labelsPath == null ? NOT_SET : qualified(d.labelsPath, hadoop));
    m.put("--header", Boolean.toString(d.header));
    m.put("--num-features", Integer.toString(d.numFeatures));
    m.put("--on-bad-row", d.onBadRow);
    m.put("--task", settings.task().toString().toLowerCase(Locale.ROOT));
    m.put("--scale", settings.scaling().cliName());
    m.put("--storage-precision", cmd.compute.storagePrecision);
    m.put("--sparse", cmd.compute.sparse);
    return m;
  }

  private static String qualified(String path, Configuration hadoop) {
    try {
      Path p = new Path(path);
      return p.getFileSystem(hadoop).makeQualified(p).toString();
    } catch (IOException | IllegalArgumentException e) {
      return path;
    }
  }
}
