package dev.nabla.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Reads an MNIST-style IDX pair: the driver validates both files whole (header, size, labels) and
 * splits the kept items into contiguous chunks; each task then reads its own chunk's pixels from the
 * images file, so the cached data's lineage carries no pixels. Features are the pixels scaled to value / 255, in [0, 1]; the target is the label
 * (the class index for classification, the value for regression). Only labels can be bad (&ge;
 * numClasses); they are found here, on the driver.
 */
final class IdxReader {
  static final String IMAGES_PART = "images-idx3-ubyte";
  static final String LABELS_PART = "labels-idx1-ubyte";

  private IdxReader() {}

  static LoadedData read(SparkSession spark, String path, ReadOptions o, int minPartitions) {
    Checked c = check(spark, path, o);
    JavaRDD<Example> examples = chunkRdd(spark, c, minPartitions, path).flatMap(IdxChunk::examples)
        .setName("nabla examples of " + path);
    return new LoadedData(examples, c.dim, c.numTargets(o), c.kept.size(), c.labels.length - c.kept.size(), c.samples);
  }

  /**
   * The IDX pair loaded for training: chunks of at most the shard bytes of pixels (so their boundaries do not depend on
   * the partitioning), each read straight into blocks of bytes (pixels k / 255 are stored as the byte k, exactly).
   */
  static BlockSet load(SparkSession spark, String path, ReadOptions o, int partitions, Storage storage, Boolean sparse) {
    Checked c = check(spark, path, o);
    long pixels = (long) c.kept.size() * c.dim;
    long shard = storage.shardBytes(pixels);
    int chunks = (int) Math.max(1, Math.min(c.kept.size(), (pixels + shard - 1) / shard));
    ShardBuild build = new ShardBuild(false, o.classification() ? 0 : 1, 255.0, storage.float32(),
        storage.blockValues(), false);
    JavaRDD<Shard> shards = chunkRdd(spark, c, chunks, path).map(chunk -> chunk.shard(build));
    BlockSet set = BlockLoad.load(path, shards, new Assembler.Shape(c.dim, 1), o, partitions, storage, sparse);
    return set.withSkipped(c.labels.length - c.kept.size(), c.samples);
  }

  /** The validated pair: dimensions, labels, the kept items, and the messages of the first skipped ones. */
  private record Checked(Path images, HadoopConf conf, int dim, byte[] labels, List<Integer> kept, int maxLabel,
      List<String> samples) {
    int numTargets(ReadOptions o) {
      return !o.classification() ? 1 : o.numClasses() > 0 ? o.numClasses() : maxLabel + 1;
    }
  }

  private static Checked check(SparkSession spark, String path, ReadOptions o) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path imagesPath = single(conf, path);
    Path labelsPath = o.labelsPath() != null ? single(conf, o.labelsPath()) : derivedLabels(conf, path, imagesPath);
    IdxFile.Images images = IdxFile.readImages(conf, imagesPath);
    byte[] labels = IdxFile.readLabels(conf, labelsPath);
    String labelsFile = InputFiles.display(labelsPath);
    if (images.count() != labels.length) {
      throw new DataException(InputFiles.display(imagesPath) + ": " + images.count() + " images but " + labelsFile
          + " has " + labels.length + " labels; use the labels file of these images");
    }
    int dim = images.rows() * images.cols();
    if (o.numFeatures() > 0 && o.numFeatures() != dim) {
      throw new DataException(InputFiles.display(imagesPath) + ": images are " + images.rows() + "x" + images.cols()
          + " = " + dim + " pixels but numFeatures=" + o.numFeatures() + "; leave numFeatures 0 or set it to " + dim);
    }
    List<Integer> kept = new ArrayList<>(labels.length);
    List<String> samples = new ArrayList<>();
    int maxLabel = -1;
    for (int i = 0; i < labels.length; i++) {
      int label = labels[i] & 0xFF;
      Checks.Problem p = o.classification() ? Checks.classLabel(label, Integer.toString(label), o.numClasses()) : null;
      if (p == null) {
        kept.add(i);
        maxLabel = Math.max(maxLabel, label);
        continue;
      }
      String message = new BadRow(i, null, p.problem(), "label " + label, p.hint(), false)
          .message(labelsFile + " item " + i);
      if (o.onBadRow() == OnBadRow.FAIL) {
        throw new DataException(message);
      }
      if (samples.size() < LoadedData.MAX_SKIPPED_SAMPLES) {
        samples.add(message);
      }
    }
    if (kept.isEmpty()) {
      throw new DataException(labels.length == 0 ? path + ": no examples (empty file?)"
          : path + ": no examples: all " + labels.length + " labels were bad, the first: " + samples.get(0));
    }
    return new Checked(imagesPath, new HadoopConf(conf), dim, labels, kept, maxLabel, samples);
  }

  /**
   * The chunks as an RDD of {@code n} partitions. The chunks (item numbers, labels, the Hadoop configuration) go
   * out once per executor as a broadcast; a partition holds only its chunk's number. A partition object travels
   * with every task that touches the RDD or anything cached from it, i.e. with every training step: with the
   * chunk inside it, each step shipped and decoded the configuration and N/P item numbers and labels per task.
   */
  private static JavaRDD<IdxChunk> chunkRdd(SparkSession spark, Checked c, int n, String path) {
    List<IdxChunk> chunks = chunks(c.images.toString(), c.conf, c.dim, c.labels, c.kept, n);
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<List<IdxChunk>> plan = sc.broadcast(chunks);
    List<Integer> numbers = new ArrayList<>(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      numbers.add(i);
    }
    return sc.parallelize(numbers, chunks.size()).map(i -> plan.value().get(i)).setName("nabla chunks of " + path);
  }

  /**
   * The kept items split into min(minPartitions, kept) contiguous chunks of near-equal size; each chunk
   * names its items, and its task reads their pixels from the file itself.
   */
  private static List<IdxChunk> chunks(String images, HadoopConf conf, int dim, byte[] labels, List<Integer> kept,
      int minPartitions) {
    int parts = Math.min(minPartitions, kept.size());
    List<IdxChunk> chunks = new ArrayList<>(parts);
    for (int c = 0; c < parts; c++) {
      int from = (int) ((long) c * kept.size() / parts);
      int to = (int) ((long) (c + 1) * kept.size() / parts);
      int[] items = new int[to - from];
      byte[] lb = new byte[to - from];
      for (int k = from; k < to; k++) {
        items[k - from] = kept.get(k);
        lb[k - from] = labels[kept.get(k)];
      }
      chunks.add(new IdxChunk(from, images, conf, dim, items, lb));
    }
    return chunks;
  }

  private static Path single(Configuration conf, String path) {
    List<FileStatus> files = InputFiles.list(conf, path);
    if (files.size() != 1) {
      throw new DataException(path + ": IDX reads one file, got " + files.size() + "; pass the images file itself");
    }
    return files.get(0).getPath();
  }

  /** The images path with {@value #IMAGES_PART} replaced by {@value #LABELS_PART} in the file name. */
  static Path derivedLabels(Configuration conf, String path, Path images) {
    String name = images.getName();
    if (!name.contains(IMAGES_PART)) {
      throw new DataException(path + ": cannot derive the labels file: the name lacks '" + IMAGES_PART
          + "'; set labelsPath");
    }
    Path labels = new Path(images.getParent(), name.replace(IMAGES_PART, LABELS_PART));
    try {
      if (!labels.getFileSystem(conf).exists(labels)) {
        throw new DataException("no such file: " + InputFiles.display(labels) + " (the labels file derived from "
            + name + "); set labelsPath");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + labels + ": " + e.getMessage(), e);
    }
    return labels;
  }
}
