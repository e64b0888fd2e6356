package dev.nabla.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VersionsTest {

  @Test
  void nablaVersionIsFilteredFromTheBuild() {
    assertTrue(Versions.nabla().matches("\\d+\\.\\d+\\.\\d+.*"), Versions.nabla());
  }

  @Test
  void compiledAgainstSparkVersionMatchesTheSparkOnTheTestClassPath() {
    assertEquals(Versions.sparkRuntime(), Versions.spark());
  }

  @Test
  void javaVersionIsTheRunningJvms() {
    assertEquals(Runtime.version().feature(), Integer.parseInt(Versions.java().split("[.+-]")[0]), Versions.java());
  }
}
