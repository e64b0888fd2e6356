package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GradcheckCommandTest {

  private record Run(int status, String out, String err) {
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(status, out.toString(), err.toString());
  }

  @ParameterizedTest(name = "{0} hidden, {1} + {2}")
  @CsvSource({
      "sigmoid, sigmoid, quadratic",
      "tanh, softmax, cross-entropy",
      "relu, sigmoid, binary-cross-entropy",
      "leaky-relu, softmax, cross-entropy",
      "softplus, identity, quadratic",
      "tanh, identity, quadratic"})
  void passesForTheIssuePairings(String hidden, String output, String loss) {
    Run r = run("gradcheck", "--layers", "4,5,3", "--activation", hidden, "--output", output, "--loss", loss,
        "--batch", "8", "--seed", "1");
    assertEquals(ExitStatus.OK, r.status(), r.out() + r.err());
    String[] lines = r.out().strip().split("\n");
    assertTrue(lines[lines.length - 1].startsWith("max relative error: "), r.out());
    double max = Double.parseDouble(lines[lines.length - 1].substring("max relative error: ".length()));
    assertTrue(max <= 1e-6, r.out());
    assertTrue(r.out().contains("layer 1 (4 -> 5 ") && r.out().contains("layer 2 (5 -> 3 "), r.out());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "--activation, foo, --activation",
      "--layers, '4,,3', --layers",
      "--batch, -3, --batch",
      "--loss, hinge, --loss",
      "--init, zeros, --init",
      "--tolerance, -1, --tolerance",
      "--dropout, 0.5, --dropout"})
  void badArgumentsGiveOneLineNamingTheOptionAndExit2(String option, String value, String named) {
    Run r = run("gradcheck", option, value);
    assertEquals(ExitStatus.USAGE, r.status(), r.err());
    assertEquals(1, r.err().strip().split("\n").length, r.err());
    assertTrue(r.err().contains(named), r.err());
  }

  @org.junit.jupiter.api.Test
  void exitsOneWhenAboveTolerance() {
    Run r = run("gradcheck", "--tolerance", "1e-30");
    assertEquals(ExitStatus.FAILED, r.status(), r.out() + r.err());
  }
}
