/**
 * Plain benchmark harnesses with a {@code main} (not unit tests: no class name ends in {@code Test}, so
 * surefire never runs them). {@link dev.nabla.bench.CoreBench} measures single-thread forward+backward
 * of the {@code nn} core against the dgemm of the same BLAS; {@code submit-scripts/bench-core.sh} runs it.
 */
package dev.nabla.bench;
