package dev.nabla.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrivacyConfigTest {

  private static String rejection(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void rejectsBadValuesNamingTheFlagAndValue() {
    assertTrue(rejection(() -> PrivacyConfig.of(0, 1, 1e-5)).startsWith("dp-clip must be a number > 0"));
    assertTrue(rejection(() -> PrivacyConfig.of(1, -0.5, 1e-5)).contains("dp-noise must be a finite number ≥ 0, got -0.5"));
    assertTrue(rejection(() -> PrivacyConfig.of(1, 1, 1)).contains("dp-delta must be in (0, 1)"));
    assertTrue(rejection(() -> new PrivacyConfig(1, 1, 1e-5, -2, false)).contains("dp-target-epsilon"));
    assertTrue(rejection(() -> PrivacyConfig.of(Double.POSITIVE_INFINITY, 1, 1e-5))
        .startsWith("dp-noise must be 0 when dp-clip is Infinity"));
  }

  @Test
  void infiniteClipIsAllowedAndStddevIsSigmaTimesClip() {
    assertEquals(2.2, PrivacyConfig.of(2, 1.1, 1e-5).noiseStddev(), 1e-15);
    assertEquals(0.0, PrivacyConfig.of(Double.POSITIVE_INFINITY, 0, 1e-5).noiseStddev());
    assertFalse(PrivacyConfig.of(1, 1, 1e-5).hasTarget());
  }

  @Test
  void seededNoiseIsReproducibleAndHasTheRequestedSpread() {
    double[] a = new double[200_000];
    double[] b = new double[200_000];
    GaussianNoise.seeded(7).add(a, 1.5, 3);
    GaussianNoise.seeded(7).add(b, 1.5, 3);
    assertArrayEquals(a, b, 0.0);
    double[] c = new double[200_000];
    GaussianNoise.seeded(7).add(c, 1.5, 4);
    assertNotEquals(a[0], c[0]);
    double mean = 0;
    double sq = 0;
    for (double v : a) {
      mean += v;
      sq += v * v;
    }
    mean /= a.length;
    double sd = Math.sqrt(sq / a.length - mean * mean);
    assertEquals(0, mean, 0.02);
    assertEquals(1.5, sd, 0.01);
  }

  @Test
  void noiseDrawnAheadAddsTheSameBitsAsNoiseAddedAtOnce() {
    java.util.Random r = new java.util.Random(5);
    double[] a = new double[10_000];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextGaussian();
    }
    double[] b = a.clone();
    GaussianNoise.seeded(11).add(a, 1.1, 42);
    double[] drawn = new double[b.length];
    GaussianNoise.seeded(11).draw(drawn, 1.1, 42);
    GaussianNoise.addDrawn(b, drawn);
    assertArrayEquals(a, b, 0.0);
    double[] next = new double[drawn.length];
    GaussianNoise.seeded(11).draw(next, 1.1, 43);
    assertNotEquals(drawn[0], next[0], "another step draws other values");
  }

  @Test
  void zeroStddevChangesNoBit() {
    double[] g = {-0.0, 1.25, -3.5};
    GaussianNoise.seeded(1).add(g, 0, 0);
    assertArrayEquals(new double[] {-0.0, 1.25, -3.5}, g, 0.0);
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(g[0]));
  }

  @Test
  void secureNoiseHasTheRequestedSpread() {
    double[] a = new double[100_000];
    GaussianNoise noise = GaussianNoise.secure();
    assertTrue(noise.isSecure());
    noise.add(a, 2.0, 0);
    double sq = 0;
    for (double v : a) {
      sq += v * v;
    }
    assertEquals(2.0, Math.sqrt(sq / a.length), 0.03);
  }
}
