package dev.nabla.data;

import java.io.Serializable;

/**
 * Where a partition's records come from.
 *
 * @param name the file (text) or source name (DataFrame) shown in messages
 * @param rank the file's position in file-name order (0 for a DataFrame)
 * @param start where the partition starts within the file: the split's byte offset for text, the
 *     partition index for a DataFrame; orders the partitions of one file
 * @param lines records are lines ({@code name:line}) rather than rows ({@code name row i})
 */
record Origin(String name, int rank, long start, boolean lines) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The location of the record at global position {@code position} (line number or row index). */
  String locate(long position) {
    return lines ? name + ":" + position : name + " row " + position;
  }
}
