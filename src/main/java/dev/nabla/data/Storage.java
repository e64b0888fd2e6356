package dev.nabla.data;

import dev.nabla.data.block.BlockBuilder;
import java.io.Serializable;

/**
 * How loaded training data is stored.
 *
 * @param float32 store dense features that are not exactly bytes as float32 (rounded; opt-in), else each block
 *     in its narrowest exact encoding (bytes, float32 or float64)
 * @param shardBytes the most input bytes one shard is read from (text splits, IDX item ranges): the unit Spark
 *     caches, spills and recomputes. A smaller input is cut finer ({@link #shardBytes(long)})
 * @param blockValues the most feature values one block holds while it is built ({@link BlockBuilder})
 * @param diskOnly cache the shards on local disk only ({@code DISK_ONLY}) instead of in memory with what does not
 *     fit spilled to disk ({@code MEMORY_AND_DISK}, the default): for measuring a spilled epoch, and for data that
 *     should leave the executors' memory to the training itself
 */
public record Storage(boolean float32, long shardBytes, int blockValues, boolean diskOnly) implements Serializable {
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
    return new Storage(false, DEFAULT_SHARD_BYTES, BlockBuilder.DEFAULT_MAX_VALUES, false);
  }

  /** An input is cut into about this many shards, when that keeps them between 64 KB and {@link #shardBytes}. */
  static final int SHARDS = 256;

  /**
   * The shard size for an input of {@code inputBytes}: inputBytes / {@value #SHARDS}, at least 64 KB (or the cap) and
   * at most {@link #shardBytes()}. It depends on the input only, never on the partitions, because the epoch's shuffle
   * moves shards as wholes; and a small input still gets enough shards for every partition to have its own.
   */
  public long shardBytes(long inputBytes) {
    return Math.max(Math.min(64L << 10, shardBytes), Math.min(shardBytes, inputBytes / SHARDS));
  }

  /** These settings with float32 storage on or off. */
  public Storage withFloat32(boolean on) {
    return new Storage(on, shardBytes, blockValues, diskOnly);
  }

  /** These settings caching on disk only, or not. */
  public Storage withDiskOnly(boolean on) {
    return new Storage(float32, shardBytes, blockValues, on);
  }

  /** The storage level the shards are persisted with. */
  public org.apache.spark.storage.StorageLevel level() {
    return diskOnly ? org.apache.spark.storage.StorageLevel.DISK_ONLY()
        : org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK();
  }
}
