package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlasTest {

  /** The build bundles OpenBLAS for Linux x86_64, so there a native BLAS must run, with or without the system's. */
  @Test
  void runsANativeBlasOnLinuxX8664WhateverTheSystemHas() {
    boolean linuxX64 = System.getProperty("os.name").toLowerCase().startsWith("linux")
        && (System.getProperty("os.arch").equals("amd64") || System.getProperty("os.arch").equals("x86_64"));
    if (linuxX64) {
      assertTrue(Blas.isNative(), Blas.description());
      assertTrue(Blas.description().startsWith("native (JNIBLAS: "), Blas.description());
      assertTrue(Blas.description().contains("system ") || Blas.description().contains("bundled "), Blas.description());
    } else {
      assertTrue(Blas.description().startsWith("Java ("), Blas.description());
    }
    assertEquals(Blas.instance().getClass().getName(), Gemm.implementation());
  }

  @Test
  void theChosenLibraryMultipliesCorrectly() {
    int m = 37;
    int n = 23;
    int k = 41;
    SplittableRandom r = new SplittableRandom(3);
    double[] a = new double[m * k];
    double[] b = new double[k * n];
    double[] c = new double[m * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextDouble(-1, 1);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = r.nextDouble(-1, 1);
    }
    Gemm.gemm(false, false, m, n, k, 1.0, a, 0, m, b, 0, k, 0.0, c, 0, m);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          s += a[i + p * m] * b[p + j * k];
        }
        assertEquals(s, c[i + j * m], 1e-12, "C[" + i + "][" + j + "]");
      }
    }
  }
}
