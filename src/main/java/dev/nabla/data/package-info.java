/**
 * Reading training data on Spark, with every row validated: LIBSVM and CSV text (plain or compressed,
 * through Hadoop, so {@code file:}, {@code hdfs:} and {@code s3a:} all work), MNIST's IDX files, and
 * Parquet or any DataFrame with an {@code ml.linalg} Vector column.
 *
 * <p>{@link dev.nabla.data.DataReader} is the entry point; it returns {@link dev.nabla.data.LoadedData}:
 * an RDD of {@link dev.nabla.data.Example}s, each with its dense global index in file order, plus the
 * data set's dimensions. A bad row either fails the read with a one-line
 * {@link dev.nabla.data.DataException} naming the file, line (or row) and offending text, or is skipped
 * and counted ({@link dev.nabla.data.OnBadRow}).
 *
 * <p>How a read runs: a format-specific {@code RowSource} ({@code TextSource} with {@code LibsvmParser}
 * or {@code CsvParser}; {@code FrameSource} with {@code FrameParser}) turns each partition into parsed
 * rows; the {@code Assembler} makes one counting pass (counts, largest index and label, bad rows) and
 * returns a lazily evaluated RDD that parses again and assigns each kept row its index. Text and
 * DataFrame inputs are thus read twice (once here, once when the caller materialises the RDD); a
 * Parquet read also sorts the rows into file order (one range shuffle); IDX files are read once, on the
 * driver ({@code IdxFile}, {@code IdxReader}). Because the counting pass sees every partition before
 * anything is reported, the bad row reported is the first in file order and its line number is exact,
 * even in splits that start mid-file.
 *
 * <p>For training the rows are not kept as {@code Example}s: {@link dev.nabla.data.DataReader#load} (and
 * {@code loadDataFrame}) build each input split's rows, streaming, into a {@link dev.nabla.data.Shard} of bounded
 * blocks ({@code data.block}: dense rows or CSR sparse rows, each run of numbers in its narrowest exact encoding,
 * class labels as integers), cached with a storage level that spills to disk. The driver gets a
 * {@link dev.nabla.data.BlockSet}: counts, statistics and the {@link dev.nabla.data.Layout} of segments, never rows;
 * tasks read their partition's shards through a {@link dev.nabla.data.ShardGroup}. Whether rows are stored sparse is
 * chosen from the density measured at load ({@code BlockLoad}), or forced.
 *
 * <p>This package imports, of Nabla, only {@code model.Scaling} (a block decodes a row scaled) and {@code nn}'s
 * {@code SparseInputs} and {@code SplitMix} (the sparse batch a block fills; the seeded hold-out hash).
 */
package dev.nabla.data;
