/**
 * Integration tests run by failsafe in {@code mvn verify}: Nabla submitted with {@code submit-scripts/} to a Spark
 * standalone cluster of separate JVMs on 127.0.0.1 ({@link dev.nabla.it.LocalCluster}), reading and writing a real
 * HDFS (MiniDFSCluster), with executors and drivers killed mid-training.
 */
package dev.nabla.it;
