/**
 * The Spark ML API: Nabla as {@code org.apache.spark.ml} Estimators and Models, for Pipelines,
 * CrossValidator and ParamGridBuilder, and the bridge to MLlib's multilayer perceptron.
 *
 * <ul>
 *   <li>{@link dev.nabla.ml.NablaClassifier} → {@link dev.nabla.ml.NablaClassificationModel}: a
 *       probabilistic classifier (softmax output, cross-entropy loss); the standard columns
 *       featuresCol, labelCol, predictionCol, probabilityCol, rawPredictionCol and thresholds work as
 *       for any Spark classifier.</li>
 *   <li>{@link dev.nabla.ml.NablaRegressor} → {@link dev.nabla.ml.NablaRegressionModel}: one target,
 *       identity output, quadratic loss.</li>
 *   <li>{@link dev.nabla.ml.NablaParams}: the training Params both estimators share (layers,
 *       activation, optimizer, learning rate, batch size, epochs, seed, regularization, dropout,
 *       learning-rate schedule, clipping), validated when set.</li>
 *   <li>Persistence: estimators through Spark's default params writer/reader; models write the same
 *       params metadata plus the Nabla model directory ({@link dev.nabla.model.ModelIO}) in
 *       {@code data/}, so a saved {@code PipelineModel} or {@code CrossValidatorModel} loads back.</li>
 *   <li>{@link dev.nabla.ml.MllibInterop}: export to and import from
 *       {@code MultilayerPerceptronClassificationModel} (sigmoid hidden layers, softmax output), and an
 *       MLlib perceptron as an ONNX file.</li>
 *   <li>ONNX: {@code toOnnx()} and {@code saveOnnx(path, overwrite)} on both models call
 *       {@code dev.nabla.export.OnnxExport}.</li>
 * </ul>
 *
 * <p>Training reuses the CLI's pieces below it: {@code data.DataReader.loadDataFrame} reads and
 * validates the rows into cached blocks (sparse vectors stay sparse), {@code train.Trainer} runs the distributed
 * loop. This package sits at the top beside {@code cli}: it imports train, data, export, model, report,
 * optim and nn, and never {@code cli} (nor does {@code cli} import it).
 */
package dev.nabla.ml;
