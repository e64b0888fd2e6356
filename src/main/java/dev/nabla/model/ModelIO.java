package dev.nabla.model;

import dev.nabla.nn.Topology;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Saves and loads model directories ({@code manifest.json}, {@code params.bin}, {@code scaling.bin};
 * layout in the package comment) through the Hadoop {@link FileSystem} API, so {@code file:},
 * {@code hdfs:} and {@code s3a:} paths all work.
 *
 * <p>Saving is atomic where the file system's directory rename is (local, HDFS): everything is written
 * under a sibling {@code PATH._tmp-<uuid>} that is renamed to PATH only when complete
 * ({@link AtomicOutput}). On S3, rename is a copy, so a crash mid-rename can leave a partial PATH; the
 * temporary directory is still removed on any failure the JVM sees. I/O errors surface as {@link UncheckedIOException} naming the path.
 */
public final class ModelIO {
  static final String MANIFEST = "manifest.json";
  static final String PARAMS = "params.bin";
  static final String SCALING = "scaling.bin";

  /** Called while saving, after params.bin is written into the temporary directory; tests inject failures here. */
  interface SaveHook {
    SaveHook NONE = tmpDir -> { };

    void afterParamsWritten(Path tmpDir) throws IOException;
  }

  private ModelIO() {
  }

  /**
   * Atomically writes {@code m} to the directory {@code path}: everything goes to a sibling temporary
   * directory (PATH + "._tmp-" + uuid), which is then renamed to PATH; on any failure the temporary
   * directory is deleted, so no half-written model remains. With {@code overwrite}, an existing PATH is
   * replaced only after the new model is complete.
   *
   * @throws ModelExistsException when PATH exists and {@code overwrite} is false (nothing is written)
   * @throws UncheckedIOException on a file system error, naming the path
   */
  public static void save(Model m, String path, boolean overwrite, Configuration conf) {
    save(m, path, overwrite, conf, SaveHook.NONE);
  }

  static void save(Model m, String path, boolean overwrite, Configuration conf, SaveHook hook) {
    try {
      Path dir = new Path(path);
      FileSystem fs = dir.getFileSystem(conf);
      dir = fs.makeQualified(dir);
      if (dir.getParent() == null) {
        throw new IllegalArgumentException("model path " + path + " is a file system root; name a directory below it");
      }
      AtomicOutput.publish(fs, dir, overwrite, (f, tmp) -> writeAll(m, f, tmp, hook),
          () -> new ModelExistsException(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save model to " + path + ": " + e.getMessage(), e);
    }
  }

  private static void writeAll(Model m, FileSystem fs, Path tmp, SaveHook hook) throws IOException {
    if (!fs.mkdirs(tmp)) {
      throw new IOException("cannot create temporary directory " + tmp);
    }
    DoublesFile.write(fs, new Path(tmp, PARAMS), DoublesFile.PARAMS_MAGIC, m.params());
    hook.afterParamsWritten(tmp);
    Scaling s = m.scaling();
    double[] shiftThenFactor = Arrays.copyOf(s.shift(), 2 * s.numFeatures());
    System.arraycopy(s.factor(), 0, shiftThenFactor, s.numFeatures(), s.numFeatures());
    DoublesFile.write(fs, new Path(tmp, SCALING), DoublesFile.SCALING_MAGIC, shiftThenFactor);
    try (OutputStream out = fs.create(new Path(tmp, MANIFEST), false)) {
      out.write(ManifestJson.write(m.manifest()).getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Loads the model directory {@code path}, verifying magic numbers, checksums and that every size
   * matches the manifest's topology.
   *
   * @throws ModelFormatException when PATH is missing, not a model directory, corrupt, truncated or inconsistent
   * @throws UncheckedIOException on a file system error, naming the path
   */
  public static Model load(String path, Configuration conf) {
    try {
      Path dir = new Path(path);
      FileSystem fs = dir.getFileSystem(conf);
      if (!fs.exists(dir)) {
        throw new ModelFormatException("model directory " + path + " does not exist; check the path or train a model there");
      }
      Path manifestFile = new Path(dir, MANIFEST);
      if (!fs.exists(manifestFile)) {
        throw new ModelFormatException(path + " is not a Nabla model directory: it has no " + MANIFEST
            + "; point to a directory written by 'nabla train'");
      }
      Manifest manifest = ManifestJson.read(readText(fs, manifestFile), manifestFile.toString());
      Topology topology = manifest.topology();
      double[] params = DoublesFile.read(fs, require(fs, dir, PARAMS), DoublesFile.PARAMS_MAGIC);
      if (params.length != topology.numParams()) {
        throw new ModelFormatException(new Path(dir, PARAMS) + " holds " + params.length + " parameters but "
            + MANIFEST + "'s topology " + topology + " needs " + topology.numParams()
            + "; the files come from different models, restore the directory as saved");
      }
      double[] sf = DoublesFile.read(fs, require(fs, dir, SCALING), DoublesFile.SCALING_MAGIC);
      int n0 = topology.inputSize();
      if (sf.length != 2 * n0) {
        throw new ModelFormatException(new Path(dir, SCALING) + " holds " + sf.length + " values but "
            + MANIFEST + "'s n_0 = " + n0 + " features need " + 2 * n0
            + " (shift and factor); the files come from different models, restore the directory as saved");
      }
      Scaling scaling = new Scaling(manifest.scalingKind(), Arrays.copyOf(sf, n0), Arrays.copyOfRange(sf, n0, 2 * n0));
      return new Model(topology, params, scaling, manifest.task(), manifest.numClasses(), manifest);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load model from " + path + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException("model directory " + path + " is inconsistent: " + e.getMessage(), e);
    }
  }

  private static Path require(FileSystem fs, Path dir, String name) throws IOException {
    Path p = new Path(dir, name);
    if (!fs.exists(p)) {
      throw new ModelFormatException(dir + " has a " + MANIFEST + " but no " + name
          + "; the model directory is incomplete, restore it as saved or retrain");
    }
    return p;
  }

  private static String readText(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (FileNotFoundException e) {
      throw new ModelFormatException(file + " disappeared while loading; retry or restore the model", e);
    }
  }
}
