/**
 * The storage of training rows: a {@link dev.nabla.data.block.Block} holds up to a few MB of consecutive rows,
 * dense (row-major) or sparse (CSR: indices and values of the non-zeros), with every run of numbers in the
 * narrowest {@link dev.nabla.data.block.Values} encoding that holds it exactly (bytes for IDX pixels, float32 when
 * every value is a float, else float64; float32 by rounding only when asked), class labels as integers and
 * regression targets as values. {@link dev.nabla.data.block.BlockBuilder} appends parsed rows, streaming, and
 * closes a block when it reaches its byte bound. Blocks are immutable and serializable (Spark caches and spills
 * them); tasks decode a row into a batch with {@code denseRow} or {@code sparseRow}, applying the scaling.
 *
 * <p>Imports {@code model.Scaling} and {@code nn.SparseInputs} of Nabla; nothing imports it but {@code data}, {@code
 * train} and the tests.
 */
package dev.nabla.data.block;
