package dev.nabla.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.Path;

/**
 * The examples of one partition of an IDX images file, described by position only: the task reads its
 * own byte range of the file (through the Hadoop FileSystem API), so no pixels travel with the task and
 * a recomputed partition reads the same bytes again. The driver has already validated the whole file.
 *
 * @param first the global index of the first example
 * @param images the images file
 * @param conf the Hadoop configuration to open it with
 * @param pixelsPerImage rows × cols
 * @param items the file item numbers of the examples, ascending (skipped bad items are absent)
 * @param labels the labels' unsigned bytes, one per entry of {@code items}
 */
record IdxChunk(long first, String images, HadoopConf conf, int pixelsPerImage, int[] items, byte[] labels)
    implements Serializable {
  private static final long serialVersionUID = 2L;
  private static final int HEADER_BYTES = 16;

  /** The examples: features = pixel / 255 in [0, 1], target = {label}. */
  Iterator<Example> examples() {
    byte[] pixels = items.length == 0 ? new byte[0] : readRange(items[0], items[items.length - 1] + 1);
    int base = items.length == 0 ? 0 : items[0];
    return new Iterator<>() {
      private int k;

      @Override
      public boolean hasNext() {
        return k < items.length;
      }

      @Override
      public Example next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        double[] x = new double[pixelsPerImage];
        int at = (items[k] - base) * pixelsPerImage;
        for (int j = 0; j < x.length; j++) {
          x[j] = (pixels[at + j] & 0xFF) / 255.0;
        }
        Example e = new Example(first + k, x, new double[] {labels[k] & 0xFF});
        k++;
        return e;
      }
    };
  }

  /**
   * The chunk's items packed for training: pixels straight from the file into blocks (as bytes: k / 255 is stored
   * as k), labels as class indices (or, for regression, values). One segment, whose start is {@code first}.
   */
  Shard shard(ShardBuild build) {
    dev.nabla.data.block.BlockBuilder builder = new dev.nabla.data.block.BlockBuilder(build.numTargets(),
        build.byteScale(), build.roundToFloat(), build.maxValues());
    java.util.List<dev.nabla.data.block.Block> blocks = new java.util.ArrayList<>();
    byte[] pixels = items.length == 0 ? new byte[0] : readRange(items[0], items[items.length - 1] + 1);
    int base = items.length == 0 ? 0 : items[0];
    double[] x = new double[pixelsPerImage];
    double[] target = new double[1];
    for (int k = 0; k < items.length; k++) {
      int at = (items[k] - base) * pixelsPerImage;
      for (int j = 0; j < x.length; j++) {
        x[j] = (pixels[at + j] & 0xFF) / 255.0;
      }
      builder.addDense(x, x.length);
      if (build.numTargets() == 0) {
        builder.label(labels[k] & 0xFF);
      } else {
        target[0] = labels[k] & 0xFF;
        builder.targets(target);
      }
      if (builder.full()) {
        blocks.add(builder.build());
      }
    }
    dev.nabla.data.block.Block last = builder.build();
    if (last != null) {
      blocks.add(last);
    }
    Origin origin = new Origin(new Path(images).getName(), 0, first, false);
    return new Shard(blocks, java.util.List.of(new Shard.Segment(origin, items.length, items.length)), 0,
        java.util.List.of(), null, 0);
  }

  /** The pixels of items [from, to). */
  private byte[] readRange(int from, int to) {
    Path path = new Path(images);
    try (InputStream raw = new BufferedInputStream(path.getFileSystem(conf.get()).open(path), 1 << 16)) {
      raw.mark(2);
      boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
      in.skipNBytes(HEADER_BYTES + (long) from * pixelsPerImage);
      return in.readNBytes((to - from) * pixelsPerImage);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + images + " (items " + from + ".." + (to - 1) + "): "
          + e.getMessage() + "; did the file change during the run?", e);
    }
  }
}
