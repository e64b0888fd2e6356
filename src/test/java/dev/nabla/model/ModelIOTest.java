package dev.nabla.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelIOTest {
  private final Configuration conf = new Configuration();

  @TempDir
  Path tmp;

  private String uri(String name) {
    return tmp.resolve(name).toUri().toString();
  }

  /** The softmax classifier with parameters and scaling chosen to stress a bitwise round trip. */
  private static Model awkward() {
    Model base = TestModels.softmaxClassifier();
    double[] p = {Double.MIN_VALUE, -0.0, Math.PI, 1e-300, 1e300, Math.nextUp(1.0), -Math.E, 0.1, 1.0 / 3,
        -Double.MIN_NORMAL, 123456789.123456789, 0.0};
    Scaling s = new Scaling(ScalingKind.STANDARD, new double[] {Math.nextDown(0.3), -7e-310},
        new double[] {1.0 / 7, 3e200});
    return new Model(base.topology(), p, s, Task.CLASSIFICATION, 2, base.manifest());
  }

  @Test
  void saveThenLoadRoundTripsParamsScalingAndManifestBitwise() {
    Model m = awkward();
    ModelIO.save(m, uri("model"), false, conf);
    Model back = ModelIO.load(uri("model"), conf);

    assertArrayEquals(rawBits(m.params()), rawBits(back.params()));
    assertArrayEquals(rawBits(m.scaling().shift()), rawBits(back.scaling().shift()));
    assertArrayEquals(rawBits(m.scaling().factor()), rawBits(back.scaling().factor()));
    assertEquals(m.scaling(), back.scaling());
    assertEquals(m.topology(), back.topology());
    assertEquals(Task.CLASSIFICATION, back.task());
    assertEquals(2, back.numClasses());
    assertEquals(m.manifest(), back.manifest());
    assertEquals(m.manifest().finalMetrics(), back.manifest().finalMetrics());
    assertTrue(Double.isNaN(back.manifest().finalMetrics().get("r2")));
    assertEquals(List.of("manifest.json", "params.bin", "scaling.bin"), visibleNames(tmp.resolve("model")));
    assertEquals(List.of("model"), visibleNames(tmp));
  }

  @Test
  void roundTripsEveryTaskKind() {
    for (Model m : new Model[] {TestModels.binaryClassifier(), TestModels.regressor()}) {
      String path = uri("m-" + m.topology().inputSize());
      ModelIO.save(m, path, false, conf);
      Model back = ModelIO.load(path, conf);
      assertEquals(m.manifest(), back.manifest());
      assertEquals(m.scaling(), back.scaling());
      assertArrayEquals(m.predictRaw(new double[] {0.2, 0.7, -3}, 1), back.predictRaw(new double[] {0.2, 0.7, -3}, 1));
    }
  }

  @Test
  void refusesToOverwriteAnExistingModelAndChangesNothing() throws IOException {
    ModelIO.save(TestModels.softmaxClassifier(), uri("model"), false, conf);
    byte[] params = Files.readAllBytes(tmp.resolve("model/params.bin"));
    byte[] manifest = Files.readAllBytes(tmp.resolve("model/manifest.json"));

    ModelExistsException e = assertThrows(ModelExistsException.class,
        () -> ModelIO.save(awkward(), uri("model"), false, conf));
    assertEquals("model directory " + uri("model") + " already exists; pass --overwrite to replace it", e.getMessage());
    assertArrayEquals(params, Files.readAllBytes(tmp.resolve("model/params.bin")));
    assertArrayEquals(manifest, Files.readAllBytes(tmp.resolve("model/manifest.json")));
    assertEquals(List.of("model"), visibleNames(tmp));
  }

  @Test
  void overwriteReplacesTheOldModelAndLeavesNoSiblings() {
    ModelIO.save(TestModels.softmaxClassifier(), uri("model"), false, conf);
    Model replacement = awkward();
    ModelIO.save(replacement, uri("model"), true, conf);
    assertArrayEquals(rawBits(replacement.params()), rawBits(ModelIO.load(uri("model"), conf).params()));
    assertEquals(List.of("model"), visibleNames(tmp));
  }

  @Test
  void aSaveThatFailsMidwayLeavesNeitherPathNorTemporaryDirectory() {
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ModelIO.save(TestModels.regressor(),
        uri("model"), false, conf, failAfterParams()));
    assertTrue(e.getMessage().contains("injected failure"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("model")));
    assertEquals(List.of(), visibleNames(tmp));
  }

  @Test
  void aFailedOverwriteKeepsTheOldModelIntact() {
    Model old = TestModels.softmaxClassifier();
    ModelIO.save(old, uri("model"), false, conf);
    assertThrows(UncheckedIOException.class, () -> ModelIO.save(awkward(), uri("model"), true, conf, failAfterParams()));
    assertArrayEquals(rawBits(old.params()), rawBits(ModelIO.load(uri("model"), conf).params()));
    assertEquals(List.of("model"), visibleNames(tmp));
  }

  @Test
  void detectsAFlippedByteInParamsByItsCrc() throws IOException {
    ModelIO.save(TestModels.softmaxClassifier(), uri("model"), false, conf);
    flipByte(tmp.resolve("model/params.bin"), 20);
    Files.delete(tmp.resolve("model/.params.bin.crc")); // so that only Nabla's own CRC32 can notice
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelIO.load(uri("model"), conf));
    assertTrue(e.getMessage().contains("params.bin is corrupt: its CRC32 is"), e.getMessage());
  }

  @Test
  void reportsAFileSystemChecksumFailureAsCorruption() throws IOException {
    ModelIO.save(TestModels.softmaxClassifier(), uri("model"), false, conf);
    flipByte(tmp.resolve("model/scaling.bin"), 17);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelIO.load(uri("model"), conf));
    assertTrue(e.getMessage().contains("scaling.bin is corrupt: the file system's checksum"), e.getMessage());
  }

  @Test
  void detectsATruncatedParamsFile() throws IOException {
    ModelIO.save(TestModels.softmaxClassifier(), uri("model"), false, conf);
    Path params = tmp.resolve("model/params.bin");
    byte[] bytes = Files.readAllBytes(params);
    Files.write(params, Arrays.copyOf(bytes, bytes.length - 5));
    Files.delete(tmp.resolve("model/.params.bin.crc"));
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelIO.load(uri("model"), conf));
    assertTrue(e.getMessage().contains("params.bin is truncated or corrupt: it has " + (bytes.length - 5)
        + " bytes but its header announces 12 doubles (" + bytes.length + " bytes)"), e.getMessage());
  }

  @Test
  void rejectsParamsFromAModelOfAnotherSize() throws IOException {
    ModelIO.save(TestModels.softmaxClassifier(), uri("model"), false, conf);
    ModelIO.save(TestModels.regressor(), uri("other"), false, conf);
    for (String f : new String[] {"params.bin", ".params.bin.crc"}) {
      Files.copy(tmp.resolve("other/" + f), tmp.resolve("model/" + f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelIO.load(uri("model"), conf));
    assertTrue(e.getMessage().contains("params.bin holds 8 parameters but manifest.json's topology"
        + " 2-2(relu)-2(softmax) cross-entropy needs 12"), e.getMessage());
  }

  @Test
  void rejectsAScalingFileInPlaceOfParams() throws IOException {
    ModelIO.save(TestModels.softmaxClassifier(), uri("model"), false, conf);
    Files.delete(tmp.resolve("model/.params.bin.crc"));
    Files.copy(tmp.resolve("model/scaling.bin"), tmp.resolve("model/params.bin"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelIO.load(uri("model"), conf));
    assertTrue(e.getMessage().contains("params.bin is not a Nabla params file"), e.getMessage());
  }

  @Test
  void rejectsADirectoryWithoutManifest() throws IOException {
    Files.createDirectories(tmp.resolve("data"));
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelIO.load(uri("data"), conf));
    assertTrue(e.getMessage().contains("is not a Nabla model directory: it has no manifest.json"), e.getMessage());
  }

  @Test
  void rejectsAMissingDirectory() {
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelIO.load(uri("nothing"), conf));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void rejectsAModelWithoutScalingFile() throws IOException {
    ModelIO.save(TestModels.softmaxClassifier(), uri("model"), false, conf);
    Files.delete(tmp.resolve("model/scaling.bin"));
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelIO.load(uri("model"), conf));
    assertTrue(e.getMessage().contains("has a manifest.json but no scaling.bin"), e.getMessage());
  }

  private static ModelIO.SaveHook failAfterParams() {
    return dir -> {
      throw new IOException("injected failure after writing params.bin into " + dir);
    };
  }

  private static long[] rawBits(double[] a) {
    return Arrays.stream(a).mapToLong(Double::doubleToRawLongBits).toArray();
  }

  private static void flipByte(Path file, int index) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[index] ^= 0x01;
    Files.write(file, bytes);
  }

  /** Names in a directory, without the hidden .crc files of Hadoop's local file system. */
  private static List<String> visibleNames(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
