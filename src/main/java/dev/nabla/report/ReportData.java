package dev.nabla.report;

import java.util.List;
import java.util.Map;

/**
 * What the HTML report shows, as plain values.
 *
 * @param title the page title, e.g. the topology
 * @param history one entry per epoch, epoch 1 first
 * @param keptEpoch the epoch whose parameters the model keeps
 * @param configuration setting name → value, in display order
 * @param manifest manifest field → value, in display order
 * @param evaluatedOn what the final metrics were measured on, e.g. {@code test data /path}; null if nothing
 * @param classes per-class results (classification), or null
 * @param finalMetrics metric name → value of the final evaluation (MEAN loss, accuracy, macro-F1; or MSE, …)
 */
public record ReportData(String title, List<EpochMetrics> history, int keptEpoch, Map<String, String> configuration,
    Map<String, String> manifest, String evaluatedOn, ClassResults classes, Map<String, Double> finalMetrics) {

  public ReportData {
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("ReportData: title is empty; give a short description of the run");
    }
    history = List.copyOf(history);
    if (keptEpoch < 0 || keptEpoch > history.size()) {
      throw new IllegalArgumentException("ReportData: keptEpoch is " + keptEpoch + "; expected 0.." + history.size());
    }
    configuration = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(configuration));
    manifest = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(manifest));
    finalMetrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(finalMetrics));
  }

  /**
   * Per-class results of a classifier.
   *
   * @param confusion k × k counts, rows = actual class, columns = predicted class
   * @param precision per class, length k
   * @param recall per class, length k
   * @param f1 per class, length k
   */
  public record ClassResults(long[][] confusion, double[] precision, double[] recall, double[] f1) {
    public ClassResults {
      int k = confusion.length;
      for (long[] row : confusion) {
        if (row.length != k) {
          throw new IllegalArgumentException("ClassResults: confusion matrix is not square: a row has " + row.length
              + " entries, expected " + k);
        }
      }
      if (precision.length != k || recall.length != k || f1.length != k) {
        throw new IllegalArgumentException("ClassResults: precision/recall/f1 have " + precision.length + "/"
            + recall.length + "/" + f1.length + " entries; expected " + k + " (one per class)");
      }
    }
  }
}
