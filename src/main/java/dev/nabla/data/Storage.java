package dev.nabla.data;

import dev.nabla.data.block.BlockBuilder;
import java.io.Serializable;

/**
 * How loaded training data is stored.
 *
 * @param float32 store dense features that are not exactly bytes as float32 (rounded; opt-in), else each block
 *     in its narrowest exact encoding (bytes, float32 or float64)
 * @param shardBytes the most input bytes one shard is read from (text splits, IDX item ranges): the unit Spark
 *     caches, spills and recomputes
 * @param blockValues the most feature values one block holds while it is built ({@link BlockBuilder})
 */
public record Storage(boolean float32, long shardBytes, int blockValues) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** 16 MB of input per shard. */
  public static final long DEFAULT_SHARD_BYTES = 16L << 20;

  /** Validates. */
  public Storage {
    if (shardBytes < 1 || blockValues < 1) {
      throw new IllegalArgumentException("shardBytes and blockValues must be ≥ 1, got " + shardBytes + " and "
          + blockValues);
    }
  }

  /** Exact encodings, 16 MB shards, blocks of {@link BlockBuilder#DEFAULT_MAX_VALUES} values. */
  public static Storage defaults() {
    return new Storage(false, DEFAULT_SHARD_BYTES, BlockBuilder.DEFAULT_MAX_VALUES);
  }

  /** These settings with float32 storage on or off. */
  public Storage withFloat32(boolean on) {
    return new Storage(on, shardBytes, blockValues);
  }
}
