package dev.nabla.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs {@code nabla} in-process, capturing stdout (both the writer and System.out) and stderr. */
final class CliRunner {
  record Result(int status, String out, String err) {
  }

  private CliRunner() {
  }

  static synchronized Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintStream saved = System.out;
    ByteArrayOutputStream sysOut = new ByteArrayOutputStream();
    int status;
    try {
      System.setOut(new PrintStream(sysOut, true, StandardCharsets.UTF_8));
      status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    } finally {
      System.setOut(saved);
    }
    return new Result(status, out + sysOut.toString(StandardCharsets.UTF_8), err.toString());
  }
}
