package dev.nabla.testing;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * An exported ONNX model loaded in ONNX Runtime (CPU provider, default options) and scored on rows of
 * features, for the tests and the measurement that check the export against Nabla's own predictions.
 */
public final class OnnxScoring implements AutoCloseable {
  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;

  /** The outputs for a batch: {@code values} = probability (classification) or prediction; {@code labels} or null. */
  public record Scores(float[][] values, long[] labels) {
  }

  public OnnxScoring(byte[] model) throws OrtException {
    session = env.createSession(model, new OrtSession.SessionOptions());
  }

  /** The session, for its input and output descriptions and metadata. */
  public OrtSession session() {
    return session;
  }

  /** Scores {@code rows} (each one sample's features, rounded to float32 as a serving client would). */
  public Scores score(double[][] rows) throws OrtException {
    return score(floats(rows), rows.length, rows[0].length);
  }

  /** {@code rows} one after the other, each value rounded to float32, ready to read. */
  public static FloatBuffer floats(double[][] rows) {
    FloatBuffer x = FloatBuffer.allocate(rows.length * rows[0].length);
    for (double[] row : rows) {
      for (double v : row) {
        x.put((float) v);
      }
    }
    return x.flip();
  }

  /** Scores {@code n} samples of {@code n0} float32 features each, row after row in {@code x}. */
  public Scores score(FloatBuffer x, int n, int n0) throws OrtException {
    try (OnnxTensor input = OnnxTensor.createTensor(env, x, new long[] {n, n0});
         OrtSession.Result out = session.run(Map.of("features", input))) {
      if (out.get("prediction").isPresent()) {
        return new Scores((float[][]) out.get("prediction").get().getValue(), null);
      }
      OnnxValue labels = out.get("label").orElseThrow();
      return new Scores((float[][]) out.get("probability").orElseThrow().getValue(), (long[]) labels.getValue());
    }
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }
}
