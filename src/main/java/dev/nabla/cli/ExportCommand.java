package dev.nabla.cli;

import dev.nabla.export.NotExportableException;
import dev.nabla.export.OnnxExport;
import dev.nabla.export.OutputExistsException;
import dev.nabla.model.Model;
import dev.nabla.model.ModelIO;
import dev.nabla.model.Task;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nabla export}: a saved model as an ONNX file for serving runtimes; no Spark session. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Writes a saved model as an ONNX file for serving runtimes.",
        "ONNX opset " + OnnxExport.OPSET + ", float32, for runtimes such as ONNX Runtime:",
        "input 'features' [N, n0] of RAW features (the fitted scaling is folded into the first layer); outputs",
        "'probability' [N, k] and 'label' (int64 class index) for classification, 'prediction' [N, nL] for regression;",
        "the manifest in the file's metadata. Starts no Spark session."})
final class ExportCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "The model directory (any Hadoop path).")
  String model;

  @Option(names = "--format", defaultValue = "onnx", description = "The file format: onnx (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--out", required = true, description = "The file to write, e.g. model.onnx (any Hadoop path).")
  String out;

  @Mixin OverwriteOption output;

  @Option(names = "--verbose", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
      description = "Print stack traces of errors.")
  boolean verbose;

  @Override
  public Integer call() {
    ClassPath.requireHadoop();
    if (!format.toLowerCase(Locale.ROOT).equals("onnx")) {
      throw new UsageException("--format: unknown format '" + format + "': expected onnx");
    }
    Configuration conf = new Configuration();
    Model m = ModelIO.load(model, conf);
    try {
      OnnxExport.write(m, out, output.overwrite, conf);
    } catch (OutputExistsException | NotExportableException e) {
      throw new UsageException(e.getMessage());
    }
    int n0 = m.topology().inputSize();
    String outputs = m.task() == Task.CLASSIFICATION
        ? "probability float32 [N, " + m.numClasses() + "], label int64 [N]"
        : "prediction float32 [N, " + m.topology().outputSize() + "]";
    System.out.println("exported " + m.topology() + " (" + m.task() + ", scaling " + m.scaling().kind()
        + " folded into layer 1) to " + out);
    System.out.println("ONNX opset " + OnnxExport.OPSET + ": input features float32 [N, " + n0 + "]; outputs " + outputs);
    return ExitStatus.OK;
  }
}
