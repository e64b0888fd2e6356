package dev.nabla.cli;

/**
 * What a command needs on the class path beyond the application jar. The jar holds Nabla, picocli and BLAS; Spark,
 * Scala and Hadoop come from spark-submit or the launcher. A command run without what it needs (plain
 * {@code java -jar}) stops with a usage error saying how to run it, instead of a NoClassDefFoundError.
 */
final class ClassPath {
  private ClassPath() {
  }

  /** Spark (and with it Scala and Hadoop), for train, evaluate and predict. */
  static void requireSpark() {
    require("org.apache.spark.sql.SparkSession", "Spark");
  }

  /** Hadoop's FileSystem API, for export. */
  static void requireHadoop() {
    require("org.apache.hadoop.conf.Configuration", "Hadoop");
  }

  private static void require(String className, String what) {
    try {
      Class.forName(className, false, ClassPath.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new UsageException(what + " is not on the class path: run this command with submit-scripts/nabla or "
          + "spark-submit (only gradcheck and privacy run from the jar alone)");
    }
  }
}
