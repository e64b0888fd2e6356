package dev.nabla.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Spark benchmark's bookkeeping, without Spark: statistics, JSON, arguments, the MLlib search. */
class BenchToolsTest {

  @Test
  void statsTakesMedianOfOddAndEvenSamplesAndNearestRankP90() {
    Stats odd = Stats.of(List.of(5.0, 1.0, 3.0));
    assertEquals(3.0, odd.median());
    assertEquals(3.0, odd.mean());
    assertEquals(1.0, odd.min());
    assertEquals(2.5, Stats.of(List.of(4.0, 1.0, 2.0, 3.0)).median());
    List<Double> ten = new ArrayList<>();
    for (int i = 10; i >= 1; i--) {
      ten.add((double) i);
    }
    assertEquals(9.0, Stats.of(ten).p90());
  }

  @Test
  void statsRejectsAnEmptySample() {
    assertThrows(IllegalArgumentException.class, () -> Stats.of(List.of()));
  }

  @Test
  void jsonEscapesStringsAndWritesNanAsNull() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a\"b", "line\nnext\\");
    m.put("nan", Double.NaN);
    m.put("list", List.of(1, 2.5, true));
    m.put("none", null);
    String json = Json.write(m);
    assertEquals("{\n  \"a\\\"b\": \"line\\nnext\\\\\",\n  \"nan\": null,\n  \"list\": [1, 2.5, true],\n"
        + "  \"none\": null\n}\n", json);
  }

  @Test
  void jsonRejectsObjectsItCannotWrite() {
    assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(new Object())));
  }

  @Test
  void argsOverrideTheRaceAndSelectSections() {
    BenchArgs a = BenchArgs.parse(new String[] {"--quick", "--json", "out.json", "--sections", "3,1",
        "--nabla-batch", "64", "--nabla-lr", "0.5", "--precision", "float32"});
    assertEquals(Path.of("out.json"), a.json());
    assertEquals(dev.nabla.nn.Precision.FLOAT32, a.precision());
    assertEquals(dev.nabla.nn.Precision.FLOAT64, BenchArgs.parse(new String[0]).precision());
    assertEquals(false, a.nablaDiagnostics());
    assertEquals(true, BenchArgs.parse(new String[] {"--nabla-diagnostics"}).nablaDiagnostics());
    assertEquals(Set.of(1, 3), a.sections());
    BenchPlan p = a.plan();
    assertEquals("quick", p.name());
    assertEquals(64, p.nablaBatch());
    assertEquals(0.5, p.nablaLearningRate());
    assertEquals(BenchPlan.full().nablaBatch(), BenchArgs.parse(new String[0]).plan().nablaBatch());
  }

  @Test
  void argsRejectBadValuesNamingTheFlag() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> BenchArgs.parse(new String[] {"--sections", "8"})).getMessage().contains("--sections"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> BenchArgs.parse(new String[] {"--nabla-lr", "-1"})).getMessage().contains("--nabla-lr"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> BenchArgs.parse(new String[] {"--json"})).getMessage().contains("--json"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> BenchArgs.parse(new String[] {"--fast"})).getMessage().contains("--fast"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> BenchArgs.parse(new String[] {"--precision", "half"})).getMessage().contains("--precision half"));
  }

  @Test
  void planRejectsIterationsThatDoNotAscend() {
    BenchPlan f = BenchPlan.full();
    assertThrows(IllegalArgumentException.class, () -> new BenchPlan("x", 1, 1, 0.9, new int[] {50, 25}, 0, 1, 1, 1,
        2, 1, f.computeSizes(), 2, 1, 1));
  }

  @Test
  void mllibSearchBisectsToTheSmallestMaxIterReachingTheTarget() {
    // Accuracy reaches the target from 62 iterations on; each fit takes k seconds.
    List<Integer> asked = new ArrayList<>();
    MllibRace.Result r = MllibRace.search(new int[] {25, 50, 100, 200}, 0.97, 10, k -> {
      asked.add(k);
      return new MllibRace.Fit(k, k, k, k >= 62 ? 0.975 : 0.96);
    });
    assertEquals(62, r.best().maxIter());
    assertEquals(List.of(25, 50, 100, 200, 75, 62, 56, 59, 60, 61), asked);
    assertEquals(6, r.bisection().size());
  }

  @Test
  void mllibSearchStopsAfterItsBisectionBudgetAndReportsNotReached() {
    MllibRace.Result limited = MllibRace.search(new int[] {25, 50, 100}, 0.97, 1,
        k -> new MllibRace.Fit(k, k, k, k >= 62 ? 0.975 : 0.96));
    assertEquals(75, limited.best().maxIter());
    MllibRace.Result never = MllibRace.search(new int[] {25, 50}, 0.97, 3,
        k -> new MllibRace.Fit(k, k, k, 0.5));
    assertNull(never.best());
    assertTrue(never.bisection().isEmpty());
  }

  @Test
  void timePerIterationFitsALeastSquaresLine() {
    List<MllibRace.Fit> fits = List.of(new MllibRace.Fit(10, 10, 3.0, 0), new MllibRace.Fit(20, 20, 5.0, 0),
        new MllibRace.Fit(40, 40, 9.0, 0));
    assertArrayEquals(new double[] {1.0, 0.2}, MllibRace.timePerIteration(fits), 1e-12);
    assertTrue(Double.isNaN(MllibRace.timePerIteration(fits.subList(0, 1))[1]));
  }
}
