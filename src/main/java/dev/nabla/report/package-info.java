/**
 * What a run tells its user while and after it trains: per-epoch metrics
 * ({@link dev.nabla.report.EpochMetrics}), the console log and the JSON-lines metrics file.
 */
package dev.nabla.report;
