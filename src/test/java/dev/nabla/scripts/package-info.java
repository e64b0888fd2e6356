/**
 * Tests of the shell scripts in {@code submit-scripts/}: the spark-submit lines that the standalone, YARN and
 * Kubernetes submit scripts build (checked with {@code --dry-run}, as YARN and Kubernetes cannot run here).
 */
package dev.nabla.scripts;
