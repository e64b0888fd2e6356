package dev.nabla.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The driver's reading of a load's summaries, in file order (file rank, then start within the file): the first
 * bad row fails the load with its exact line (every segment before it in its file was read in full, so their
 * line counts are known), skipped rows are counted with the first messages, and every segment gets the global
 * index of its first row, dense over the kept rows in file order.
 */
final class ShardReport {
  private ShardReport() {
  }

  /** The result: per shard, per segment, the global index of its first row; and the skipped rows. */
  record Result(long[][] first, long skipped, List<String> samples) {
  }

  static Result check(String name, List<ShardSummary> summaries) {
    record At(ShardSummary s, int g) {
      Origin origin() {
        return s.segments().get(g).origin();
      }
    }
    List<At> order = new ArrayList<>();
    long[][] first = new long[summaries.size()][];
    for (ShardSummary s : summaries) {
      first[s.shard()] = new long[s.segments().size()];
      for (int g = 0; g < s.segments().size(); g++) {
        order.add(new At(s, g));
      }
    }
    order.sort(Comparator.comparingInt((At a) -> a.origin().rank()).thenComparingLong(a -> a.origin().start()));
    long total = 0;
    long skipped = 0;
    long fileRecords = 0;
    List<String> samples = new ArrayList<>();
    At previous = null;
    for (At a : order) {
      Shard.Segment seg = a.s().segments().get(a.g());
      if (previous == null || previous.origin().rank() != a.origin().rank()) {
        fileRecords = 0;
      }
      long base = fileRecords;
      fileRecords += seg.records();
      if (a.s().failure() != null && a.s().failureSegment() == a.g()) {
        throw new DataException(a.s().failure().message(locate(a.s().failure(), a.origin(), base)));
      }
      for (Shard.Located b : a.s().samples()) {
        if (b.segment() == a.g() && samples.size() < LoadedData.MAX_SKIPPED_SAMPLES) {
          samples.add(b.row().message(locate(b.row(), a.origin(), base)));
        }
      }
      first[a.s().shard()][a.g()] = total;
      total += seg.kept();
      previous = a;
    }
    for (ShardSummary s : summaries) {
      skipped += s.skipped();
    }
    if (total == 0) {
      throw new DataException(skipped == 0 ? name + ": no examples (empty file?)"
          : name + ": no examples: all " + skipped + " rows were bad, the first: " + samples.get(0));
    }
    return new Result(first, skipped, samples);
  }

  private static String locate(BadRow b, Origin origin, long base) {
    return b.where() != null ? b.where() : origin.locate(base + b.record());
  }
}
