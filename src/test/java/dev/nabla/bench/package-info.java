/**
 * Plain benchmark harnesses with a {@code main} (not unit tests: no class name ends in {@code Test}, so
 * surefire never runs them).
 *
 * <ul>
 *   <li>{@link dev.nabla.bench.CoreBench} (issue 2) measures single-thread forward+backward of the
 *       {@code nn} core against the dgemm of the same BLAS; {@code submit-scripts/bench-core.sh} runs it.
 *       {@link dev.nabla.bench.MedianTimer} times it, {@link dev.nabla.bench.CorePhases} profiles a step.</li>
 *   <li>{@link dev.nabla.bench.SparseKernelBench} times the same step over sparse inputs against dense: a
 *       200000-32-10 network at 40 non-zeros per row, and the density at which sparse stops paying
 *       (784-128-10); {@code submit-scripts/bench-core.sh --sparse} runs it.</li>
 *   <li>{@link dev.nabla.bench.SparkBench} (issue 6) races MLlib's MLP and Nabla to 97% test accuracy on
 *       MNIST ({@link dev.nabla.bench.MllibRace}, {@link dev.nabla.bench.NablaRace}), times Nabla's steps
 *       against an empty Spark job ({@link dev.nabla.bench.StepOverhead}, split by
 *       {@link dev.nabla.bench.JobProbe}) and its training GFLOP/s against dgemm
 *       ({@link dev.nabla.bench.ComputeEfficiency}), all in one local[2] session;
 *       {@code submit-scripts/bench.sh} runs it. {@link dev.nabla.bench.BenchPlan} says how much it does
 *       (full or {@code --quick}), {@link dev.nabla.bench.Section} and {@link dev.nabla.bench.Json} print it.</li>
 *   <li>{@link dev.nabla.bench.OnnxCheck} (issue 16) scores the MNIST test images with a saved model and with
 *       ONNX Runtime on the file {@code nabla export} wrote from it: agreement and scoring time;
 *       {@code submit-scripts/onnx-check.sh} runs it.</li>
 *   <li>{@link dev.nabla.bench.SgdGrid} replays the Trainer's SGD on one thread to find how many epochs
 *       each (batch size, learning rate) needs to 97%: the evidence behind section 2's settings.</li>
 *   <li>{@link dev.nabla.bench.DataGen} (issue 14) writes the seeded data sets of the scaling figures
 *       (HIGGS-shaped CSV, sparse multi-class LIBSVM); {@link dev.nabla.bench.DataCheck} trains a small
 *       network on such files on one thread to show they are learnable; {@code submit-scripts/gen-data.sh}
 *       runs both.</li>
 * </ul>
 */
package dev.nabla.bench;
