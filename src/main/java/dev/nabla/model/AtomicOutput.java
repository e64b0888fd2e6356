package dev.nabla.model;

import java.io.IOException;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Publishes a file or a directory through the Hadoop {@link FileSystem} API so that a reader sees
 * either nothing, the old version or the complete new one: the content is written to a sibling
 * {@code NAME._tmp-<uuid>} that is renamed to NAME when complete. With {@code overwrite}, an existing
 * NAME is moved aside to {@code NAME._old-<uuid>} first and deleted once the new one is in place. On
 * any failure the temporary path is deleted. Atomic where the file system's rename is (local, HDFS);
 * on S3 a rename is a copy.
 */
public final class AtomicOutput {
  static final String TMP_MARK = "._tmp-";
  static final String OLD_MARK = "._old-";

  /** Writes the content to be published at a temporary path that does not exist yet. */
  @FunctionalInterface
  public interface Content {
    void writeTo(FileSystem fs, Path tmp) throws IOException;
  }

  private AtomicOutput() {
  }

  /**
   * Writes {@code content} under a temporary sibling of {@code target}, then renames it to {@code target}.
   *
   * @param target a qualified path with a parent (not a file system root)
   * @param exists what to throw when {@code target} exists and {@code overwrite} is false (nothing is written)
   * @throws IOException on a file system error; the temporary path is gone
   */
  public static void publish(FileSystem fs, Path target, boolean overwrite, Content content,
      Supplier<? extends RuntimeException> exists) throws IOException {
    if (!overwrite && fs.exists(target)) {
      throw exists.get();
    }
    Path tmp = sibling(target, TMP_MARK);
    try {
      content.writeTo(fs, tmp);
      rename(fs, tmp, target, overwrite, exists);
    } catch (IOException | RuntimeException | Error e) {
      deleteQuietly(fs, tmp, e);
      throw e;
    }
  }

  /** Renames the complete {@code tmp} to {@code target}, moving an existing {@code target} aside first and deleting it after. */
  private static void rename(FileSystem fs, Path tmp, Path target, boolean overwrite,
      Supplier<? extends RuntimeException> exists) throws IOException {
    Path old = null;
    if (fs.exists(target)) {
      if (!overwrite) {
        throw exists.get(); // created by someone else while we were writing
      }
      old = sibling(target, OLD_MARK);
      if (!fs.rename(target, old)) {
        throw new IOException("cannot move the existing " + target + " aside to " + old);
      }
    }
    if (!fs.rename(tmp, target)) {
      if (old != null && !fs.exists(target)) {
        fs.rename(old, target);
      }
      throw new IOException("cannot rename " + tmp + " to " + target);
    }
    if (old != null && !fs.delete(old, true)) {
      throw new IOException("wrote the new " + target + " but could not delete the old one moved to " + old);
    }
  }

  private static Path sibling(Path target, String mark) {
    return new Path(target.getParent(), target.getName() + mark + UUID.randomUUID());
  }

  private static void deleteQuietly(FileSystem fs, Path tmp, Throwable failure) {
    try {
      if (fs.exists(tmp)) {
        fs.delete(tmp, true);
      }
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
