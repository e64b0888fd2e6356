package dev.nabla.cli;

import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line picocli cannot parse, as one line on stderr and exit status 2: the command's name as typed
 * ({@code nabla}, {@code nabla train}), what is wrong, for a mistyped command or option the closest names
 * ({@code did you mean train?}), and where the help is.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    String command = cl.getCommandSpec().qualifiedName();
    cl.getErr().println(command + ": " + message(ex) + " (see '" + command + " --help')");
    return ExitStatus.USAGE;
  }

  /** picocli's message, or for an unknown command or option the closest names picocli knows. */
  static String message(ParameterException ex) {
    if (!(ex instanceof UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
      return ex.getMessage();
    }
    String typed = u.getUnmatched().get(0);
    boolean command = !typed.startsWith("-") && !ex.getCommandLine().getSubcommands().isEmpty();
    String what = "unknown " + (command ? "command" : typed.startsWith("-") ? "option" : "argument") + " '" + typed + "'";
    List<String> closest = closest(typed, u.getSuggestions());
    return closest.isEmpty() ? what : what + "; did you mean " + String.join(" or ", closest) + "?";
  }

  /** Of picocli's candidates, those at the smallest edit distance from {@code typed}, if that is at most a third of it. */
  static List<String> closest(String typed, List<String> candidates) {
    int best = Integer.MAX_VALUE;
    for (String c : candidates) {
      best = Math.min(best, distance(typed, c));
    }
    int limit = Math.max(2, typed.length() / 3);
    int found = best;
    return found > limit ? List.of()
        : candidates.stream().filter(c -> distance(typed, c) == found).distinct().collect(Collectors.toList());
  }

  /** Edits (insert, delete, substitute, swap two neighbours) that turn a into b: optimal string alignment. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      for (int j = 0; j <= b.length(); j++) {
        if (i == 0 || j == 0) {
          d[i][j] = i + j;
          continue;
        }
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
