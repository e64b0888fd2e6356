/**
 * The command line: {@code nabla train | evaluate | predict | export | gradcheck | privacy}, their options, configuration
 * files, and the mapping of failures to exit statuses ({@link dev.nabla.cli.ExitStatus}). The only
 * package with a {@code main}; it never sets a Spark master (spark-submit or {@code --master} does).
 */
package dev.nabla.cli;
