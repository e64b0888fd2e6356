package dev.nabla.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Versions recorded in every manifest. Nabla's and the compiled-against Spark version come from
 * {@code /dev/nabla/version.properties}, which Maven fills in at build time.
 */
public final class Versions {
  private static final String RESOURCE = "/dev/nabla/version.properties";
  private static final Properties BUILD = load();

  private Versions() {
  }

  /** Nabla's version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String nabla() {
    return get("nabla.version");
  }

  /** The Spark version Nabla was compiled against, e.g. {@code 4.1.0}. */
  public static String spark() {
    return get("spark.version");
  }

  /**
   * The Spark version on the class path at run time (what spark-submit provides), which may differ from
   * {@link #spark()}; falls back to {@link #spark()} when Spark is not on the class path.
   */
  public static String sparkRuntime() {
    try {
      return org.apache.spark.package$.MODULE$.SPARK_VERSION();
    } catch (LinkageError e) {
      return spark();
    }
  }

  /** The running JVM's version, e.g. {@code 17.0.12}. */
  public static String java() {
    return System.getProperty("java.version", "unknown");
  }

  private static String get(String key) {
    if (BUILD.isEmpty()) {
      throw new IllegalStateException(RESOURCE + " is missing from the class path; it ships inside the Nabla jar");
    }
    String v = BUILD.getProperty(key);
    if (v == null || v.isBlank() || v.contains("${")) {
      throw new IllegalStateException(RESOURCE + " has no filtered value for '" + key + "' (got '" + v
          + "'); build Nabla with Maven so that resource filtering fills it in");
    }
    return v.trim();
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = Versions.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + " from the class path", e);
    }
    return p;
  }
}
