package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigFileTest {
  private final CommandLine train = new CommandLine(new TrainCommand());

  @Test
  void everyKeyOfTheTemplateAndTheMnistConfigIsATrainOption(@TempDir Path dir) throws IOException {
    Pattern key = Pattern.compile("^#\\s*([a-z][a-z-]*)=.*");
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("conf/nabla.properties.template"))) {
      Matcher m = key.matcher(line);
      if (m.matches()) {
        lines.add(m.group(1) + "=x");
      }
    }
    assertTrue(lines.size() >= 25, "template keys found: " + lines.size());
    Path uncommented = Files.write(dir.resolve("all.properties"), lines);
    ConfigFile.load(uncommented.toString(), train.getCommandSpec());
    ConfigFile.load("conf/mnist.properties", train.getCommandSpec());
    ConfigFile.load("conf/mnist-dp.properties", train.getCommandSpec());
  }

  @Test
  void unknownKeyIsAUsageErrorNamingIt(@TempDir Path dir) throws IOException {
    Path f = Files.write(dir.resolve("bad.properties"), List.of("layers=4,3", "learnig-rate=0.1"));
    UsageException e = assertThrows(UsageException.class, () -> ConfigFile.load(f.toString(), train.getCommandSpec()));
    assertTrue(e.getMessage().contains("learnig-rate") && e.getMessage().contains("learning-rate"), e.getMessage());
  }

  @Test
  void flagsOverrideTheFile(@TempDir Path dir) throws IOException {
    Path f = Files.write(dir.resolve("c.properties"), List.of("layers=4,3", "train=a", "learning-rate=0.5", "epochs=3"));
    TrainCommand cmd = new TrainCommand();
    CommandLine cl = new CommandLine(cmd);
    cl.setDefaultValueProvider(ConfigFile.load(f.toString(), cl.getCommandSpec()));
    cl.parseArgs("--config", f.toString(), "--epochs", "7");
    assertEquals(0.5, cmd.model.learningRate);
    assertEquals(7, cmd.model.epochs);
    assertEquals("4,3", cmd.model.layers);
    assertEquals("a", cmd.train);
  }

  /** A flag given on the command line means "on", also when the file already switched it on. */
  @Test
  void aFlagOnTheCommandLineStaysOnWhenTheFileSetsItToo(@TempDir Path dir) throws IOException {
    Path f = Files.write(dir.resolve("c.properties"), List.of("layers=4,3", "train=a", "overwrite=true", "header=true"));
    TrainCommand cmd = new TrainCommand();
    CommandLine cl = new CommandLine(cmd);
    cl.setDefaultValueProvider(ConfigFile.load(f.toString(), cl.getCommandSpec()));
    cl.parseArgs("--config", f.toString(), "--overwrite", "--header");
    assertTrue(cmd.output.overwrite, "--overwrite with overwrite=true in the file");
    assertTrue(cmd.data.header, "--header with header=true in the file");
    TrainCommand fromFile = new TrainCommand();
    CommandLine only = new CommandLine(fromFile);
    only.setDefaultValueProvider(ConfigFile.load(f.toString(), only.getCommandSpec()));
    only.parseArgs("--config", f.toString());
    assertTrue(fromFile.output.overwrite, "overwrite=true in the file alone");
  }

  @Test
  void missingConfigFileIsAUsageError() {
    CliRunner.Result r = CliRunner.run("train", "--config", "/nonexistent/nabla.properties");
    assertEquals(ExitStatus.USAGE, r.status());
    assertTrue(r.err().contains("--config"), r.err());
  }
}
