package dev.nabla.cli;

import dev.nabla.nn.Activation;
import dev.nabla.nn.Blas;
import dev.nabla.nn.GradientCheck;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Topology;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nabla gradcheck}: backprop's gradient against finite differences on a random batch; no Spark. */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
    description = {"Compares backprop's gradient with finite differences on a random batch.",
        "Prints the largest relative error of W and b per layer, then 'max relative error: <value>'.",
        "Exit status 0 when it is at most --tolerance, 1 otherwise, 2 for bad arguments."})
final class GradcheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--layers", defaultValue = "4,5,3", description = "Layer sizes n_0,...,n_L (default: ${DEFAULT-VALUE}).")
  String layers;

  @Option(names = "--activation", defaultValue = "tanh",
      description = "Hidden activation: " + Activation.NAMES + " (default: ${DEFAULT-VALUE}).")
  String activation;

  @Option(names = "--output", defaultValue = "softmax", description = "Output activation (default: ${DEFAULT-VALUE}).")
  String output;

  @Option(names = "--loss", defaultValue = "cross-entropy",
      description = "quadratic, binary-cross-entropy or cross-entropy (default: ${DEFAULT-VALUE}).")
  String loss;

  @Option(names = "--init", defaultValue = "glorot-normal",
      description = "glorot-uniform, glorot-normal, he-normal, nielsen, mllib-uniform (default: ${DEFAULT-VALUE}).")
  String init;

  @Option(names = "--batch", defaultValue = "8", description = "Samples in the random batch (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of parameters and batch (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--tolerance", defaultValue = "1e-6", description = "Largest relative error that passes (default: ${DEFAULT-VALUE}).")
  double tolerance;

  @Option(names = "--verbose", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
      description = "Print stack traces of errors.")
  boolean verbose;

  @Option(names = "--dropout", hidden = true, description = "Refused: dropout makes the loss random.")
  String dropout;

  @Override
  public Integer call() {
    if (dropout != null) {
      throw bad("--dropout: gradcheck runs without dropout (random masks make the loss non-differentiable noise);"
          + " dropout's own gradient is checked with fixed masks in the test suite");
    }
    if (batch <= 0) {
      throw bad("--batch must be a positive integer, got " + batch);
    }
    if (!(tolerance > 0)) {
      throw bad("--tolerance must be a positive number, got " + tolerance);
    }
    Topology t;
    Init scheme;
    int[] sizes;
    try {
      sizes = Topology.parseSizes(layers);
    } catch (IllegalArgumentException e) {
      throw bad("--layers: " + e.getMessage());
    }
    try {
      scheme = Init.parse(init);
    } catch (IllegalArgumentException e) {
      throw bad("--init: " + e.getMessage());
    }
    try {
      t = Topology.of(sizes, parse("--activation", activation), parse("--output", output), parseLoss());
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage());
    }
    double[] params = scheme.initialize(t, seed);
    double[][] xy = GradientCheck.randomBatch(t, batch, seed + 1);
    GradientCheck.Result r = GradientCheck.check(t, params, xy[0], xy[1], batch);

    PrintWriter out = spec.commandLine().getOut();
    out.println("gradcheck " + t + ", batch " + batch + ", seed " + seed + ", init " + scheme);
    out.println("BLAS: " + Blas.description());
    for (GradientCheck.LayerError e : r.layers()) {
      out.printf("layer %d (%d -> %d %s): W max relative error %.3e, b max relative error %.3e%n", e.layer(),
          t.size(e.layer() - 1), t.size(e.layer()), t.activation(e.layer()).name(), e.weightError(), e.biasError());
    }
    if (r.skippedAtKinks() > 0) {
      out.println("skipped " + r.skippedAtKinks() + " parameters whose perturbation crosses a ReLU kink");
    }
    out.println("max relative error: " + r.maxError());
    return r.maxError() <= tolerance ? ExitStatus.OK : ExitStatus.FAILED;
  }

  private Activation parse(String option, String value) {
    try {
      return Activation.parse(value);
    } catch (IllegalArgumentException e) {
      throw bad(option + ": " + e.getMessage());
    }
  }

  private Loss parseLoss() {
    try {
      return Loss.parse(loss);
    } catch (IllegalArgumentException e) {
      throw bad("--loss: " + e.getMessage());
    }
  }

  private ParameterException bad(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
