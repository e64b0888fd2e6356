package dev.nabla.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The HTML report parses as XML and each chart holds the run's numbers. */
class ReportPageTest {
  private static final String SVG = "http://www.w3.org/2000/svg";
  private static final String XHTML = "http://www.w3.org/1999/xhtml";

  /** Five epochs of a 2-layer sigmoid classifier; learning rate halves each epoch. */
  static List<EpochMetrics> history() {
    List<EpochMetrics> h = new ArrayList<>();
    for (int e = 1; e <= 5; e++) {
      h.add(new EpochMetrics(e, 1.0 / e, Map.of("loss", 1.2 / e + 0.01 * e, "accuracy", 0.5 + 0.08 * e),
          0.1 / (1 << (e - 1)), 1000 * e, 2.5, 2.5 * e, List.of(
              new LayerHealth(1, "sigmoid", 1e-4 * e, "saturated", 0.1 * e),
              new LayerHealth(2, "softmax", 0.3 / e, "none", Double.NaN))));
    }
    return h;
  }

  static ReportData data() {
    long[][] confusion = {{50, 2, 0}, {3, 40, 7}, {0, 1, 47}};
    Map<String, String> config = new LinkedHashMap<>();
    config.put("topology", "4-16(sigmoid)-3(softmax) cross-entropy");
    config.put("train", "/data/a<b&c>.libsvm");
    return new ReportData("4-16-3", history(), 5, config, Map.of("nablaVersion", "0.1.0", "seed", "7"),
        "test data /t", new ReportData.ClassResults(confusion, new double[] {0.94, 0.93, 0.87},
            new double[] {0.96, 0.8, 0.98}, new double[] {0.95, 0.86, 0.92}), Map.of("accuracy", 0.91));
  }

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  /** Each series name of the report, with the values it must plot (one per epoch). */
  static Map<String, double[]> expectedSeries(List<EpochMetrics> h) {
    Map<String, double[]> m = new LinkedHashMap<>();
    m.put("train loss", h.stream().mapToDouble(EpochMetrics::trainLoss).toArray());
    m.put("validation loss", h.stream().mapToDouble(x -> x.validationMetric("loss")).toArray());
    m.put("validation accuracy", h.stream().mapToDouble(x -> x.validationMetric("accuracy")).toArray());
    m.put("learning rate", h.stream().mapToDouble(EpochMetrics::learningRate).toArray());
    for (int l = 0; l < h.get(0).layers().size(); l++) {
      int li = l;
      m.put("layer " + (l + 1), h.stream().mapToDouble(x -> x.layers().get(li).gradNorm()).toArray());
      if (!h.get(0).layers().get(l).measure().equals("none")) {
        m.put("layer " + (l + 1) + " " + h.get(0).layers().get(l).measure(),
            h.stream().mapToDouble(x -> 100 * x.layers().get(li).fraction()).toArray());
      }
    }
    return m;
  }

  /**
   * Checks every polyline of every chart: one point per epoch, x at the epoch, the data-values equal to the
   * expected series, and each point's y pixel mapping back (through the chart's y range) to its value.
   */
  static void assertChartsHoldTheData(Document doc, List<EpochMetrics> h) {
    Map<String, double[]> expected = expectedSeries(h);
    NodeList charts = doc.getElementsByTagNameNS(SVG, "svg");
    int checked = 0;
    for (int i = 0; i < charts.getLength(); i++) {
      Element chart = (Element) charts.item(i);
      if (!chart.getAttribute("class").equals("chart")) {
        continue;
      }
      assertEquals(h.size(), Integer.parseInt(chart.getAttribute("data-epochs")), chart.getAttribute("id"));
      double yMin = Double.parseDouble(chart.getAttribute("data-y-min"));
      double yMax = Double.parseDouble(chart.getAttribute("data-y-max"));
      boolean log = Boolean.parseBoolean(chart.getAttribute("data-log"));
      NodeList lines = chart.getElementsByTagNameNS(SVG, "polyline");
      assertTrue(lines.getLength() > 0, chart.getAttribute("id"));
      for (int k = 0; k < lines.getLength(); k++) {
        Element line = (Element) lines.item(k);
        String name = line.getAttribute("data-series");
        double[] want = expected.get(name);
        assertTrue(want != null, "unexpected series '" + name + "' in chart " + chart.getAttribute("id"));
        String[] points = line.getAttribute("points").split(" ");
        String[] values = line.getAttribute("data-values").split(" ");
        assertEquals(h.size(), points.length, name + ": one point per epoch");
        assertEquals(h.size(), values.length, name);
        int plotH = LineChart.HEIGHT - LineChart.TOP - LineChart.BOTTOM;
        for (int e = 0; e < h.size(); e++) {
          assertEquals(want[e], Double.parseDouble(values[e]), 0, name + " epoch " + (e + 1));
          String[] xy = points[e].split(",");
          assertEquals(LineChart.x(e + 1, h.size()), Double.parseDouble(xy[0]), 0.01, name + " x");
          double frac = (LineChart.TOP + plotH - Double.parseDouble(xy[1])) / plotH;
          double back = log ? Math.pow(10, Math.log10(yMin) + frac * (Math.log10(yMax) - Math.log10(yMin)))
              : yMin + frac * (yMax - yMin);
          double tol = log ? Math.abs(want[e]) * 0.02 : (yMax - yMin) * 0.002;
          assertEquals(want[e], back, tol, name + " epoch " + (e + 1) + ": y pixel maps back to the value");
        }
        checked++;
      }
    }
    assertEquals(expected.size(), checked, "every expected series is drawn once");
  }

  @Test
  void reportIsWellFormedAndEveryChartHoldsOnePointPerEpochMappingBackToTheMetrics() throws Exception {
    ReportData d = data();
    Document doc = parse(ReportPage.render(d));
    assertEquals(XHTML, doc.getDocumentElement().getNamespaceURI());
    assertChartsHoldTheData(doc, d.history());
  }

  @Test
  void heatMapCellsHoldTheConfusionCountsAndTablesHoldPerClassScoresConfigAndManifest() throws Exception {
    ReportData d = data();
    Document doc = parse(ReportPage.render(d));
    Element heat = null;
    NodeList svgs = doc.getElementsByTagNameNS(SVG, "svg");
    for (int i = 0; i < svgs.getLength(); i++) {
      if (((Element) svgs.item(i)).getAttribute("id").equals("confusion")) {
        heat = (Element) svgs.item(i);
      }
    }
    assertTrue(heat != null, "a heat map with id confusion");
    int cells = 0;
    NodeList rs = heat.getElementsByTagNameNS(SVG, "rect");
    for (int i = 0; i < rs.getLength(); i++) {
      Element r = (Element) rs.item(i);
      int a = Integer.parseInt(r.getAttribute("data-actual"));
      int p = Integer.parseInt(r.getAttribute("data-predicted"));
      assertEquals(d.classes().confusion()[a][p], Long.parseLong(r.getAttribute("data-count")));
      cells++;
    }
    assertEquals(9, cells);
    String text = doc.getDocumentElement().getTextContent();
    assertTrue(text.contains("/data/a<b&c>.libsvm"), "configuration values survive escaping");
    assertTrue(text.contains("nablaVersion") && text.contains("0.1.0"), "the manifest is shown");
    Element perClass = table(doc, "per-class");
    assertEquals(4, perClass.getElementsByTagNameNS(XHTML, "tr").getLength(), "a header and one row per class");
    assertTrue(perClass.getTextContent().contains("0.8700"), perClass.getTextContent());
  }

  private static Element table(Document doc, String id) {
    NodeList tables = doc.getElementsByTagNameNS(XHTML, "table");
    for (int i = 0; i < tables.getLength(); i++) {
      if (((Element) tables.item(i)).getAttribute("id").equals(id)) {
        return (Element) tables.item(i);
      }
    }
    throw new AssertionError("no table " + id);
  }

  @Test
  void regressionReportDrawsErrorCurvesAndNoHeatMap() throws Exception {
    List<EpochMetrics> h = new ArrayList<>();
    for (int e = 1; e <= 3; e++) {
      h.add(new EpochMetrics(e, 2.0 / e, Map.of("loss", 2.1 / e, "rmse", 1.5 / e, "mae", 1.1 / e, "mse", 2.25 / e / e,
          "r2", 1 - 0.1 / e), 0.01, 10, 1, e));
    }
    String html = ReportPage.render(new ReportData("1-8-1", h, 3, Map.of(), Map.of(), "validation data",
        null, Map.of("mse", 0.25)));
    Document doc = parse(html);
    assertTrue(html.contains("data-series=\"validation rmse\"") && !html.contains("id=\"confusion\""));
    assertEquals(3, doc.getElementsByTagNameNS(SVG, "svg").getLength(), "loss, error and learning-rate charts");
  }

  @Test
  void writesAtomicallyAndRefusesToReplaceWithoutOverwrite(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("r.html");
    Configuration conf = new Configuration();
    ReportFile.write(file.toString(), "<p>one</p>", conf, false);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ReportFile.write(file.toString(), "<p>two</p>", conf, false));
    assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
    assertEquals("<p>one</p>", Files.readString(file));
    ReportFile.write(file.toString(), "<p>two</p>", conf, true);
    assertEquals("<p>two</p>", Files.readString(file));
    try (var files = Files.list(dir)) {
      assertEquals(List.of("r.html"), files.map(p -> p.getFileName().toString())
          .filter(n -> !n.endsWith(".crc")).toList(), "no temporary file left");
    }
  }
}
