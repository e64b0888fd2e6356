package dev.nabla.data;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * What a read returns. {@code examples} is not persisted: it is computed when first used (for text and
 * DataFrame inputs this parses the input again), and its content and order are the same on every
 * evaluation for a given input and partition count. Persist it before using it more than once.
 *
 * @param examples the kept rows, indices dense 0..count-1 in file order
 * @param numFeatures the length of every {@link Example#features()}
 * @param numTargets classification: the number of classes; regression: the length of every target
 * @param count the number of examples
 * @param skipped the number of bad rows dropped (always 0 with {@link OnBadRow#FAIL})
 * @param skippedSamples the messages of the first (up to 5) dropped rows, in file order
 */
public record LoadedData(JavaRDD<Example> examples, int numFeatures, int numTargets, long count, long skipped,
    List<String> skippedSamples) {

  /** How many skipped-row messages are kept. */
  public static final int MAX_SKIPPED_SAMPLES = 5;

  /** Validates the sizes and copies {@code skippedSamples} into an unmodifiable list. */
  public LoadedData {
    if (examples == null) {
      throw new IllegalArgumentException("examples must not be null");
    }
    if (numFeatures < 1 || numTargets < 1) {
      throw new IllegalArgumentException("numFeatures and numTargets must be >= 1; got " + numFeatures + " and "
          + numTargets);
    }
    if (count < 1 || skipped < 0) {
      throw new IllegalArgumentException("count must be >= 1 and skipped >= 0; got " + count + " and " + skipped);
    }
    skippedSamples = List.copyOf(skippedSamples);
    if (skippedSamples.size() > MAX_SKIPPED_SAMPLES || skippedSamples.size() > skipped) {
      throw new IllegalArgumentException("skippedSamples holds at most min(5, skipped) = "
          + Math.min(MAX_SKIPPED_SAMPLES, skipped) + " messages; got " + skippedSamples.size());
    }
  }
}
