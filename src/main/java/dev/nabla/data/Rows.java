package dev.nabla.data;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The parsed rows of one partition, counting the input records read (lines, including blank and comment
 * lines; or DataFrame rows) so that bad rows can be located. Ends after a fatal {@link BadRow}.
 */
abstract class Rows implements Iterator<Parsed> {
  private Parsed next;
  private boolean done;
  /** Input records read so far; subclasses increment it once per record. */
  protected long records;

  /** The next row or bad row, skipping records that hold none; null at the end of the partition. */
  protected abstract Parsed advance();

  /** Input records read so far. */
  final long records() {
    return records;
  }

  /**
   * Where the row last returned comes from, when a partition joins runs of several files (a Parquet partition of
   * Spark's file packing): a new object at each run's first row. Null (the default): the partition is one run.
   */
  Origin segment() {
    return null;
  }

  @Override
  public final boolean hasNext() {
    if (next == null && !done) {
      next = advance();
      done = next == null;
    }
    return next != null;
  }

  @Override
  public final Parsed next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Parsed p = next;
    next = null;
    if (p instanceof BadRow b && b.fatal()) {
      done = true;
    }
    return p;
  }
}
