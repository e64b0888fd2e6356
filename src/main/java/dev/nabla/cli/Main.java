package dev.nabla.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code nabla} (spark-submit main class and plain {@code java -jar}). */
@Command(name = "nabla", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Train multilayer perceptrons by backpropagation, data-parallel on Apache Spark.",
    footer = "Run 'nabla COMMAND --help' for a command's options. Exit status: 0 done, 1 internal error, "
        + "2 bad option or config, 3 bad data, 4 training diverged, 5 out of memory or disk.",
    subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, ExportCommand.class,
        GradcheckCommand.class, PrivacyCommand.class})
public final class Main implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** Runs the command line and returns the exit status (for tests; {@link #main} exits with it). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOverwrittenOptionsAllowed(true);
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(new UsageErrors());
    cl.setExecutionExceptionHandler(new Failures());
    String config = ConfigFile.configPath(args);
    CommandLine sub = args.length > 0 ? cl.getSubcommands().get(args[0]) : null;
    if (config != null && sub != null && sub.getCommandSpec().findOption("--config") != null) {
      try {
        sub.setDefaultValueProvider(ConfigFile.load(config, sub.getCommandSpec()));
      } catch (UsageException e) {
        err.println("nabla " + args[0] + ": " + e.getMessage());
        err.flush();
        return ExitStatus.USAGE;
      }
    }
    int status = cl.execute(args);
    out.flush();
    err.flush();
    return status;
  }

  public static void main(String[] args) {
    int status = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    System.exit(status);
  }

  /** Reports the Nabla version from the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws Exception {
      java.util.Properties p = new java.util.Properties();
      try (var in = Main.class.getResourceAsStream("/dev/nabla/version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"nabla " + p.getProperty("nabla.version", "unknown") + " (Spark "
          + p.getProperty("spark.version", "?") + ", Java " + System.getProperty("java.version") + ")"};
    }
  }
}
