/**
 * What a run tells its user while and after it trains: per-epoch and per-step metrics
 * ({@link dev.nabla.report.EpochMetrics}, {@link dev.nabla.report.StepMetrics}), per-layer health and its
 * warnings ({@link dev.nabla.report.LayerHealth}, {@link dev.nabla.report.Diagnostics}), the console
 * progress bar or log lines ({@link dev.nabla.report.Progress}), the epoch log and the run summary, the
 * JSON-lines metrics file, and the self-contained HTML report ({@link dev.nabla.report.ReportPage}, drawn
 * with hand-written SVG by {@code LineChart} and {@code HeatMap}). Everything here takes plain values; it
 * knows nothing of models, Spark jobs or the command line.
 */
package dev.nabla.report;
