package dev.nabla.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Summary of a sample of durations in seconds.
 *
 * @param count how many values, ≥ 1
 * @param mean the arithmetic mean
 * @param median the middle value (the mean of the two middle values for an even count)
 * @param p90 the 90th percentile (nearest rank)
 * @param min the smallest value
 */
record Stats(int count, double mean, double median, double p90, double min) {

  Stats {
    if (count < 1) {
      throw new IllegalArgumentException("count = " + count + ": a summary needs at least one value");
    }
  }

  /** The summary of the values (at least one). */
  static Stats of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values to summarise: nothing was timed (too few steps or epochs?)");
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = v.length;
    double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    int rank90 = (int) Math.ceil(0.9 * n) - 1;
    return new Stats(n, Arrays.stream(v).sum() / n, median, v[Math.max(0, rank90)], v[0]);
  }

  /** mean, median, p90 and min in milliseconds, and the count, for the JSON output. */
  Map<String, Object> toJsonMillis() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", count);
    m.put("mean_ms", mean * 1e3);
    m.put("median_ms", median * 1e3);
    m.put("p90_ms", p90 * 1e3);
    m.put("min_ms", min * 1e3);
    return m;
  }
}
