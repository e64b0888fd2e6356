package dev.nabla.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Axis arithmetic of the SVG line chart. */
class LineChartTest {

  @Test
  void tickStepsAreOneTwoOrFiveTimesAPowerOfTen() {
    assertEquals(0.1, LineChart.niceStep(0.07), 1e-15);
    assertEquals(0.5, LineChart.niceStep(0.3), 1e-15);
    assertEquals(2, LineChart.niceStep(1.5), 1e-15);
    assertEquals(10, LineChart.niceStep(6), 1e-15);
  }

  @Test
  void tickLabelsDropTrailingZeros() {
    assertEquals("0.3", LineChart.tick(0.1 + 0.2));
    assertEquals("0.25", LineChart.tick(0.25));
    assertEquals("1.5e-05", LineChart.tick(1.5e-5));
    assertEquals("0", LineChart.tick(-1e-17));
    assertEquals("120", LineChart.tick(120));
  }

  @Test
  void saturationChartStartsAtZeroAndSkipsNanPoints() {
    String svg = new LineChart("s", "t", "%", false).fromZero().add("a", new double[] {2, Double.NaN, 3}).svg();
    assertTrue(svg.contains("data-y-min=\"0.0\""), svg);
    assertTrue(svg.contains("data-values=\"2.0 3.0\""), svg);
  }
}
