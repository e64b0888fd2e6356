package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A mistyped command or option: one line naming the command as typed, the closest names, exit status 2. */
class UsageErrorsTest {

  @Test
  void aMistypedCommandNamesNablaOnceAndSuggestsTheClosestCommand() {
    CliRunner.Result r = CliRunner.run("trian");
    assertEquals(ExitStatus.USAGE, r.status(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("nabla: ") && !r.err().contains("nabla nabla"), r.err());
    assertTrue(r.err().contains("unknown command 'trian'; did you mean train?"), r.err());
    assertTrue(r.err().strip().endsWith("(see 'nabla --help')"), r.err());
  }

  @Test
  void aMistypedOptionSuggestsTheClosestOptionOfItsCommand() {
    CliRunner.Result r = CliRunner.run("train", "--train", "data.libsvm", "--layers", "4,3", "--learning-rat", "0.1");
    assertEquals(ExitStatus.USAGE, r.status(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("nabla train: "), r.err());
    assertTrue(r.err().contains("unknown option '--learning-rat'; did you mean --learning-rate?"), r.err());
    assertTrue(r.err().strip().endsWith("(see 'nabla train --help')"), r.err());

    CliRunner.Result g = CliRunner.run("gradcheck", "--actvation", "relu");
    assertEquals(ExitStatus.USAGE, g.status(), g.err());
    assertTrue(g.err().startsWith("nabla gradcheck: ") && g.err().contains("did you mean --activation"), g.err());
  }

  @Test
  void anArgumentWithNothingCloseSaysSoWithoutASuggestion() {
    CliRunner.Result r = CliRunner.run("privacy", "--n", "100", "--batch-size", "10", "--noise", "1", "--epochs", "1",
        "--delta", "1e-5", "--zzzzzz");
    assertEquals(ExitStatus.USAGE, r.status(), r.err());
    assertEquals("nabla privacy: unknown option '--zzzzzz' (see 'nabla privacy --help')", r.err().strip());
  }

  /** The command list of {@code nabla --help}: each name with its (possibly wrapped) text. */
  private static Map<String, String> commandList(String help) {
    Map<String, String> commands = new LinkedHashMap<>();
    String current = null;
    boolean inList = false;
    for (String line : help.lines().toList()) {
      if (line.equals("Commands:")) {
        inList = true;
      } else if (inList && line.matches("  \\S+\\s+\\S.*")) {
        String[] parts = line.strip().split("\\s+", 2);
        current = parts[0];
        commands.put(current, parts[1]);
      } else if (inList && current != null && line.startsWith("   ")) {
        commands.put(current, commands.get(current) + " " + line.strip());
      }
    }
    return commands;
  }

  @Test
  void theHelpListsEveryCommandWithItsWholeSummarySentence() {
    CliRunner.Result r = CliRunner.run("--help");
    assertEquals(ExitStatus.OK, r.status(), r.err());
    Map<String, String> listed = commandList(r.out());
    CommandLine main = new CommandLine(new Main());
    assertEquals(List.of("train", "evaluate", "predict", "export", "gradcheck", "privacy"), List.copyOf(listed.keySet()), r.out());
    for (Map.Entry<String, String> e : listed.entrySet()) {
      String summary = main.getSubcommands().get(e.getKey()).getCommandSpec().usageMessage().description()[0];
      assertEquals(summary, e.getValue(), "the list shows " + e.getKey() + "'s first description line whole");
      assertTrue(summary.endsWith("."), e.getKey() + "'s summary is a whole sentence: " + summary);
    }
  }
}
