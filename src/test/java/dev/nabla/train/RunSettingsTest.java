package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resume check's settings map: first difference in order, both values, stored bit for bit, versioned. */
class RunSettingsTest {
  private static RunSettings of(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return new RunSettings(m);
  }

  /** The exception names {@code setting}, the checkpoint's value and this run's, in its fields and its message. */
  static void assertNames(ResumeMismatchException e, String setting, String was, String is) {
    assertEquals(setting, e.setting());
    assertEquals(was, e.checkpointValue());
    assertEquals(is, e.runValue());
    assertTrue(e.getMessage().startsWith("--resume: the checkpoint was written by a run with " + setting + " " + was
        + "; this run has " + is), e.getMessage());
  }

  @Test
  void namesTheFirstDifferenceInTheCheckpointsOrderWithBothValues() {
    RunSettings checkpoint = of("--train", "a", "--activation", "tanh", "--learning-rate", "0.05");
    RunSettings run = of("--train", "a", "--activation", "relu", "--learning-rate", "0.5");
    assertNames(assertThrows(ResumeMismatchException.class, () -> run.requireSameAs(checkpoint)), "--activation",
        "tanh", "relu");
  }

  @Test
  void aSettingOnlyOneSideHasIsNotSetOnTheOther() {
    assertNames(assertThrows(ResumeMismatchException.class,
        () -> of("--train", "a", "--dp-clip", "1.0").requireSameAs(of("--train", "a"))), "--dp-clip", RunSettings.NOT_SET,
        "1.0");
  }

  @Test
  void equalSettingsPass() {
    of("--train", "a", "--seed", "1").requireSameAs(of("--train", "a", "--seed", "1"));
  }

  @Test
  void roundTripsInOrder() throws IOException {
    RunSettings s = of("--train", "hdfs://nn:8020/x", "training rows", "150", "--learning-rate", "0.05");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    s.write(new DataOutputStream(bytes));
    RunSettings back = RunSettings.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals(s, back);
    assertEquals(java.util.List.copyOf(s.values().keySet()), java.util.List.copyOf(back.values().keySet()));
  }

  @Test
  void aCheckpointOfTheOldFormatIsRefusedNamingItsVersion(@TempDir Path dir) throws IOException {
    Path state = dir.resolve("ckpt/ckpt-000000000010/state.bin");
    Files.createDirectories(state.getParent());
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(state))) {
      out.writeInt(0x4E41424C);
      out.writeInt(1);
      out.writeInt(0);
    }
    Checkpoints store = new Checkpoints(dir.resolve("ckpt").toUri().toString(), new Configuration(), 1, true, 3);
    ResumeMismatchException e = assertThrows(ResumeMismatchException.class, store::latest);
    assertEquals("checkpoint format version", e.setting());
    assertEquals("1", e.checkpointValue());
    assertEquals("2", e.runValue());
    assertTrue(e.getMessage().contains("is a checkpoint of format version 1, written by another version of Nabla; "
        + "this one reads version 2"), e.getMessage());
  }
}
