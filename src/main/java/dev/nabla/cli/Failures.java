package dev.nabla.cli;

import dev.nabla.data.DataException;
import dev.nabla.model.ModelExistsException;
import dev.nabla.train.DivergenceException;
import dev.nabla.train.ResourceException;
import dev.nabla.train.ResumeMismatchException;
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
    cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": " + messageOf(ex));
    if (verbose) {
      ex.printStackTrace(cl.getErr());
    } else if (status == ExitStatus.FAILED) {
      cl.getErr().println("(internal error; run again with --verbose for the stack trace)");
    }
    return status;
  }

  /** The exit status an exception stands for. */
  static int statusOf(Throwable ex) {
    if (DataException.find(ex).isPresent()) {
      return ExitStatus.DATA;
    }
    if (ResourceException.explain(ex, null) != null) {
      return ExitStatus.RESOURCES;
    }
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof DivergenceException) {
        return ExitStatus.DIVERGED;
      }
      if (t instanceof UsageException || t instanceof ModelExistsException || t instanceof ResumeMismatchException) {
        return ExitStatus.USAGE;
      }
    }
    return ExitStatus.FAILED;
  }

  /** The one line to show: the data error, the usage error, or the exception's own message. */
  private static String messageOf(Throwable ex) {
    var data = DataException.find(ex);
    if (data.isPresent()) {
      return data.get().getMessage();
    }
    ResourceException resources = ResourceException.explain(ex, null);
    if (resources != null) {
      return resources.getMessage();
    }
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof DivergenceException || t instanceof UsageException || t instanceof ModelExistsException
          || t instanceof ResumeMismatchException) {
        return t.getMessage();
      }
    }
    String m = ex.getMessage();
    return m == null ? ex.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }
}
