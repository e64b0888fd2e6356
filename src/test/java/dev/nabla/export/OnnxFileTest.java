package dev.nabla.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxModelMetadata;
import ai.onnxruntime.TensorInfo;
import dev.nabla.model.Model;
import dev.nabla.model.ScalingKind;
import dev.nabla.model.Task;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Softmax;
import dev.nabla.testing.OnnxScoring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file's declared inputs, outputs, versions and metadata, and how it is written. */
class OnnxFileTest {
  @TempDir
  Path dir;

  private final Model classifier = OnnxExportTest.model(new int[] {4, 6, 3}, new Relu(), new Softmax(),
      Loss.CROSS_ENTROPY, Task.CLASSIFICATION, 3, ScalingKind.STANDARD, 2);

  @Test
  void classifierDeclaresFeaturesProbabilityAndInt64Label() throws Exception {
    try (OnnxScoring onnx = new OnnxScoring(OnnxExport.toBytes(classifier))) {
      Map<String, NodeInfo> in = onnx.session().getInputInfo();
      assertEquals(Set.of("features"), in.keySet());
      assertTensor(in.get("features"), OnnxJavaType.FLOAT, -1, 4);
      Map<String, NodeInfo> out = onnx.session().getOutputInfo();
      assertEquals(Set.of("probability", "label"), out.keySet());
      assertTensor(out.get("probability"), OnnxJavaType.FLOAT, -1, 3);
      assertTensor(out.get("label"), OnnxJavaType.INT64, -1);
    }
  }

  @Test
  void regressorDeclaresEveryTargetAsPrediction() throws Exception {
    Model m = OnnxExportTest.model(new int[] {3, 5, 2}, new Relu(), Activation.parse("identity"), Loss.QUADRATIC,
        Task.REGRESSION, 0, ScalingKind.NONE, 4);
    try (OnnxScoring onnx = new OnnxScoring(OnnxExport.toBytes(m))) {
      Map<String, NodeInfo> out = onnx.session().getOutputInfo();
      assertEquals(Set.of("prediction"), out.keySet());
      assertTensor(out.get("prediction"), OnnxJavaType.FLOAT, -1, 2);
    }
  }

  @Test
  void metadataCarriesTheManifestAndTheProducer() throws Exception {
    byte[] bytes = OnnxExport.toBytes(classifier);
    OnnxMl.ModelProto proto = OnnxMl.ModelProto.parseFrom(bytes);
    assertEquals(7, proto.getIrVersion());
    assertEquals(1, proto.getOpsetImportCount());
    assertEquals("", proto.getOpsetImport(0).getDomain());
    assertEquals(13, proto.getOpsetImport(0).getVersion());
    try (OnnxScoring onnx = new OnnxScoring(bytes)) {
      OnnxModelMetadata meta = onnx.session().getMetadata();
      assertEquals("Nabla", meta.getProducerName());
      Map<String, String> custom = meta.getCustomMetadata();
      assertEquals("4,6,3", custom.get("nabla.layers"));
      assertEquals("relu,softmax", custom.get("nabla.activations"));
      assertEquals("cross-entropy", custom.get("nabla.loss"));
      assertEquals("classification", custom.get("nabla.task"));
      assertEquals("3", custom.get("nabla.num_classes"));
      assertEquals("standard", custom.get("nabla.scaling"));
      assertEquals("file:/data/train.libsvm", custom.get("nabla.data.train"));
      assertEquals("0.875", custom.get("nabla.metric.test_accuracy"));
      assertEquals(classifier.manifest().nablaVersion(), custom.get("nabla.version"));
      assertEquals(classifier.manifest().toJson(), custom.get("nabla.manifest"));
    }
  }

  @Test
  void writeRefusesAnExistingFileWithoutOverwriteAndLeavesIt() throws Exception {
    Path file = dir.resolve("model.onnx");
    Files.writeString(file, "old");
    OutputExistsException e = assertThrows(OutputExistsException.class,
        () -> OnnxExport.write(classifier, file.toString(), false, new Configuration()));
    assertEquals(file + " already exists; pass --overwrite to replace it", e.getMessage());
    assertEquals("old", Files.readString(file));
    assertEquals(1, entries());
  }

  @Test
  void overwriteReplacesTheFileAndLeavesNoTemporaryFiles() throws Exception {
    Path file = dir.resolve("model.onnx");
    Files.writeString(file, "old");
    OnnxExport.write(classifier, file.toString(), true, new Configuration());
    assertArrayEquals(OnnxMl.ModelProto.parseFrom(OnnxExport.toBytes(classifier)).getGraph().toByteArray(),
        OnnxMl.ModelProto.parseFrom(Files.readAllBytes(file)).getGraph().toByteArray());
    assertEquals(1, entries(), "only model.onnx: no temporary, moved-aside or checksum files");
  }

  @Test
  void aModelThatCannotBeExportedWritesNothing() throws Exception {
    Model tooLarge = OnnxExportTest.model(new int[] {2, 3, 2}, new Relu(), new Softmax(), Loss.CROSS_ENTROPY,
        Task.CLASSIFICATION, 2, ScalingKind.NONE, 1);
    double[] p = tooLarge.params();
    p[0] = 1e40;
    Model m = new Model(tooLarge.topology(), p, tooLarge.scaling(), Task.CLASSIFICATION, 2, tooLarge.manifest());
    Path file = dir.resolve("model.onnx");
    assertThrows(NotExportableException.class, () -> OnnxExport.write(m, file.toString(), false, new Configuration()));
    assertEquals(0, entries());
  }

  @Test
  void aDirectoryIsNotReplaced() throws Exception {
    Path sub = Files.createDirectory(dir.resolve("models"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OnnxExport.write(classifier, sub.toString(), true, new Configuration()));
    assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    assertTrue(Files.isDirectory(sub));
  }

  /** Entries in the temporary directory. */
  private long entries() throws Exception {
    try (var s = Files.list(dir)) {
      return s.count();
    }
  }

  private static void assertTensor(NodeInfo info, OnnxJavaType type, long... shape) {
    TensorInfo t = (TensorInfo) info.getInfo();
    assertEquals(type, t.type, info.getName());
    assertArrayEquals(shape, t.getShape(), info.getName());
  }
}
