package dev.nabla.cli;

import picocli.CommandLine;

/**
 * Maps an exception escaping a command to one line on stderr and an exit status. Stack traces only with
 * {@code --verbose} (any command's option, or the NABLA_VERBOSE environment variable).
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
    boolean verbose = parsed.hasMatchedOption("--verbose") || System.getenv("NABLA_VERBOSE") != null;
    int status = statusOf(ex);
    String command = cl.getCommandName();
    cl.getErr().println("nabla " + command + ": " + messageOf(ex));
    if (verbose) {
      ex.printStackTrace(cl.getErr());
    } else if (status == ExitStatus.FAILED) {
      cl.getErr().println("(internal error; run again with --verbose for the stack trace)");
    }
    return status;
  }

  /** The exit status an exception stands for. */
  static int statusOf(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof UsageException || t instanceof IllegalArgumentException) {
        return ExitStatus.USAGE;
      }
    }
    return ExitStatus.FAILED;
  }

  private static String messageOf(Throwable ex) {
    String m = ex.getMessage();
    return m == null ? ex.getClass().getSimpleName() : m;
  }
}
