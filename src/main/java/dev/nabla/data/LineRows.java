package dev.nabla.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import scala.Tuple2;

/**
 * The rows of one text split: every line is one record (blank and comment lines included, so that the
 * {@code Assembler} can turn record numbers into exact line numbers). A read error in a compressed file
 * becomes a fatal {@link BadRow} ("truncated or corrupt gzip"); other I/O errors propagate.
 */
final class LineRows extends Rows {
  private static final String[] COMPRESSED = {".gz", ".bz2", ".deflate", ".zst", ".lz4", ".snappy", ".br"};

  private final Iterator<Tuple2<LongWritable, Text>> lines;
  private final LineParser parser;
  private final Origin origin;

  LineRows(Iterator<Tuple2<LongWritable, Text>> lines, LineParser parser, Origin origin) {
    this.lines = lines;
    this.parser = parser;
    this.origin = origin;
  }

  @Override
  protected Parsed advance() {
    while (true) {
      String line;
      try {
        if (!lines.hasNext()) {
          return null;
        }
        line = lines.next()._2().toString();
      } catch (Exception e) { // Hadoop's IOException reaches Java unchecked, through Scala
        if (e instanceof IOException io) {
          if (isCompressed(origin.name())) {
            return corrupt(io);
          }
          throw new UncheckedIOException("cannot read " + origin.name() + " after line " + records + ": "
              + io.getMessage(), io);
        }
        throw e;
      }
      records++;
      boolean fileStart = records == 1 && origin.start() == 0;
      if (fileStart && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      Parsed p = parser.parse(line, records, fileStart);
      if (p != null) {
        return p;
      }
    }
  }

  private BadRow corrupt(IOException e) {
    String kind = origin.name().toLowerCase(Locale.ROOT).endsWith(".gz") ? "gzip" : "compressed file";
    return new BadRow(records + 1, null, "truncated or corrupt " + kind + " (" + e.getMessage() + ")", null,
        "re-create or re-download the file", true);
  }

  private static boolean isCompressed(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (String suffix : COMPRESSED) {
      if (n.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }
}
