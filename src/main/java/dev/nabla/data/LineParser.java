package dev.nabla.data;

import java.io.Serializable;

/** Parses one line of a text format. Implementations hold only validated, immutable settings. */
interface LineParser extends Serializable {

  /**
   * @param line the line without its terminator
   * @param record the line's number within the partition's split (1-based)
   * @param fileStart the line is line 1 of its file
   * @return a {@link ParsedRow}, a {@link BadRow}, or null when the line holds no row (blank, comment,
   *     header)
   */
  Parsed parse(String line, long record, boolean fileStart);
}
