package dev.nabla.cli;

import java.io.IOException;
import java.io.StringReader;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command's configuration file ({@code --config FILE}): Java properties whose keys are the command's
 * long option names without the dashes ({@code learning-rate=0.1}). Values from the file become the
 * options' defaults, so flags on the command line override them; options the file does not set keep the
 * {@link Defaults}. An unknown key is an error naming the
 * key and the allowed ones. Read through the Hadoop FileSystem API (any file:, hdfs:, s3a: path) by
 * {@link HadoopText}, which only a command with a {@code --config} option loads (gradcheck and privacy run
 * without Hadoop on the class path).
 */
final class ConfigFile implements CommandLine.IDefaultValueProvider {
  private final Properties props;

  private ConfigFile(Properties props) {
    this.props = props;
  }

  /** The --config value found in the raw arguments, or null. */
  static String configPath(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith("--config=")) {
        return args[i].substring("--config=".length());
      }
    }
    return null;
  }

  /** Loads the file and checks its keys against the command's options. */
  static ConfigFile load(String path, CommandSpec spec) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(HadoopText.read(path)));
    } catch (IOException e) {
      throw new UsageException("--config: cannot read " + path + ": " + e.getMessage());
    }
    Set<String> allowed = new TreeSet<>();
    for (OptionSpec o : spec.options()) {
      String name = o.longestName();
      if (name.startsWith("--") && !name.equals("--config") && !name.equals("--help") && !name.equals("--version")) {
        allowed.add(name.substring(2));
      }
    }
    for (String key : p.stringPropertyNames()) {
      if (!allowed.contains(key)) {
        throw new UsageException("--config " + path + ": unknown key '" + key + "'; allowed keys: "
            + String.join(", ", allowed));
      }
    }
    return new ConfigFile(p);
  }

  /** Whether the user gave the option: on the command line, or as a key of the command's --config file. */
  static boolean given(CommandSpec spec, String flag) {
    CommandLine cl = spec.commandLine();
    if (cl != null && cl.getParseResult() != null && cl.getParseResult().hasMatchedOption(flag)) {
      return true;
    }
    return spec.defaultValueProvider() instanceof ConfigFile c && c.props.containsKey(flag.substring(2));
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (arg instanceof OptionSpec o && o.longestName().startsWith("--")) {
      String v = props.getProperty(o.longestName().substring(2));
      if (v != null) {
        return v.trim();
      }
      return Defaults.of(o);
    }
    return null;
  }
}
