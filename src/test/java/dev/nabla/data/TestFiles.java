package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.function.Executable;

/** Writing test inputs and checking read results. */
final class TestFiles {
  private TestFiles() {}

  /** Writes {@code text} (UTF-8) to dir/name and returns the path as a string. */
  static String write(Path dir, String name, String text) {
    return write(dir, name, utf8(text));
  }

  static String write(Path dir, String name, byte[] bytes) {
    try {
      Path p = dir.resolve(name);
      Files.createDirectories(p.getParent());
      Files.write(p, bytes);
      return p.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] gzip(byte[] bytes) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(bytes);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The examples in the RDD's own order, after checking that this order is the index order, that the
   * indices are dense 0..count-1 and that every feature vector has numFeatures entries.
   */
  static List<Example> examples(LoadedData d) {
    List<Example> all = d.examples().collect();
    assertEquals(d.count(), all.size(), "count");
    for (int i = 0; i < all.size(); i++) {
      assertEquals(i, all.get(i).index(), "index at position " + i);
      assertEquals(d.numFeatures(), all.get(i).features().length, "features length at " + i);
    }
    return all;
  }

  /** The examples sorted by index (for comparing reads with different partitionings). */
  static List<Example> byIndex(LoadedData d) {
    return d.examples().collect().stream().sorted(Comparator.comparingLong(Example::index)).collect(Collectors.toList());
  }

  /** Asserts that {@code read} throws a one-line DataException whose message contains every fragment. */
  static DataException assertDataError(Executable read, String... fragments) {
    DataException e = assertThrows(DataException.class, read);
    String m = e.getMessage();
    assertFalse(m.contains("\n"), "one line: " + m);
    for (String f : fragments) {
      assertTrue(m.contains(f), "message should contain [" + f + "]: " + m);
    }
    return e;
  }
}
