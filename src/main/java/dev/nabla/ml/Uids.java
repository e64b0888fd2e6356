package dev.nabla.ml;

import org.apache.spark.ml.util.Identifiable$;

/**
 * Hands a uid to a Java Params class while its Scala superclass is still being constructed.
 *
 * <p>Spark's shared params ({@code featuresCol}, {@code labelCol}, …) are created by Scala trait
 * initialisers that run inside the superclass constructor and read {@code uid()} to name their owner;
 * a Java subclass's fields are not assigned yet at that moment. So each class's public constructor
 * announces its uid here, and {@code uid()} claims it while its field is still null. The announcement
 * is per thread and cleared as soon as the constructor's body runs.
 */
final class Uids {
  private static final ThreadLocal<String> ANNOUNCED = new ThreadLocal<>();

  /** The value a private constructor takes to say "the uid was announced". */
  static final class Announced {
    final String uid;

    private Announced(String uid) {
      this.uid = uid;
    }
  }

  private Uids() {
  }

  /** A fresh uid {@code prefix_<random hex>}, as Spark's own estimators name theirs. */
  static String random(String prefix) {
    return Identifiable$.MODULE$.randomUID(prefix);
  }

  /** Announces {@code uid} for the constructor about to run on this thread. */
  static Announced announce(String uid) {
    if (uid == null || uid.isBlank()) {
      throw new IllegalArgumentException("uid must be a non-empty string, got '" + uid + "'");
    }
    ANNOUNCED.set(uid);
    return new Announced(uid);
  }

  /** The uid announced on this thread (called from {@code uid()} during super construction). */
  static String claim() {
    String uid = ANNOUNCED.get();
    if (uid == null) {
      throw new IllegalStateException("uid() called before construction: no uid was announced on this thread");
    }
    return uid;
  }

  /** Ends the announcement; returns the uid to store. */
  static String done(Announced a) {
    ANNOUNCED.remove();
    return a.uid;
  }
}
