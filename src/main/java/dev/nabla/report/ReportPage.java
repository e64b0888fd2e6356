package dev.nabla.report;

import java.util.List;
import java.util.Map;

/**
 * The HTML training report: one self-contained XHTML page (inline CSS and SVG, no script, no external
 * assets) with loss and accuracy (or regression error) curves by epoch, the learning rate, per-layer
 * gradient norms (log scale) and saturation, the confusion matrix heat map with per-class
 * precision/recall/F1 (or the regression metrics), the configuration and the manifest. Well-formed XML,
 * so any XML parser reads it.
 */
public final class ReportPage {
  private static final String CSS = String.join("\n",
      "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;max-width:1260px;color:#222}",
      "h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd}",
      ".sub{color:#666;margin-top:0}.grid{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}",
      "svg .title{font-size:13px;font-weight:600}svg .tick{font-size:10px;fill:#555}svg .axis{font-size:11px;fill:#333}",
      "svg .legend{font-size:11px}svg .frame{fill:#fff;stroke:#bbb}svg line.grid{stroke:#eee}",
      "table{border-collapse:collapse;font-size:13px;margin:4px 0}td,th{border:1px solid #ddd;padding:3px 8px;"
          + "text-align:right}th{background:#f5f5f5}td.k{text-align:left;font-family:monospace}",
      ".warn{color:#a40;font-size:13px}");

  private ReportPage() {
  }

  /** The page as a string. */
  public static String render(ReportData d) {
    List<EpochMetrics> h = d.history();
    int n = h.size();
    StringBuilder b = new StringBuilder();
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n")
        .append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"UTF-8\"/>\n")
        .append("<title>Nabla report: ").append(Xml.escape(d.title())).append("</title>\n<style>")
        .append(CSS).append("</style>\n</head>\n<body>\n");
    b.append("<h1>Nabla training report</h1>\n<p class=\"sub\">").append(Xml.escape(d.title())).append(" — ")
        .append(n).append(" epochs, kept epoch ").append(d.keptEpoch()).append("</p>\n");

    b.append("<h2>Curves</h2>\n<div class=\"grid\">\n");
    LineChart loss = new LineChart("loss", "Loss (mean per sample)", "loss", false)
        .add("train loss", series(h, m -> m.trainLoss()));
    if (has(h, "loss")) {
      loss.add("validation loss", series(h, m -> m.validationMetric("loss")));
    }
    b.append(loss.svg());
    if (has(h, "accuracy")) {
      b.append(new LineChart("accuracy", "Validation accuracy", "accuracy", false)
          .add("validation accuracy", series(h, m -> m.validationMetric("accuracy"))).svg());
    } else if (has(h, "rmse")) {
      b.append(new LineChart("error", "Validation error", "error", false)
          .add("validation rmse", series(h, m -> m.validationMetric("rmse")))
          .add("validation mae", series(h, m -> m.validationMetric("mae"))).svg());
    }
    b.append(new LineChart("learning-rate", "Learning rate (last step of the epoch)", "η", false)
        .add("learning rate", series(h, EpochMetrics::learningRate)).svg());
    int layers = 0;
    for (EpochMetrics m : h) {
      layers = Math.max(layers, m.layers().size());
    }
    if (layers > 0) {
      LineChart norms = new LineChart("grad-norms", "Gradient norm of W^l (RMS over steps)", "‖∇W‖", true);
      LineChart sat = new LineChart("saturation", "Saturated (sigmoid/tanh) or dead (ReLU) units", "% of units",
          false).fromZero();
      boolean anySat = false;
      for (int l = 0; l < layers; l++) {
        int li = l;
        norms.add("layer " + (l + 1), series(h, m -> li < m.layers().size() ? m.layers().get(li).gradNorm()
            : Double.NaN));
        LayerHealth first = layerOf(h, l);
        if (first != null && !first.measure().equals("none")) {
          anySat = true;
          sat.add("layer " + (l + 1) + " " + first.measure(), series(h, m -> li < m.layers().size()
              ? 100 * m.layers().get(li).fraction() : Double.NaN));
        }
      }
      b.append(norms.svg());
      if (anySat) {
        b.append(sat.svg());
      }
    }
    b.append("</div>\n");
    warnings(b, h);

    if (d.evaluatedOn() != null) {
      b.append("<h2>Final evaluation on ").append(Xml.escape(d.evaluatedOn())).append("</h2>\n");
      table(b, "final-metrics", d.finalMetrics());
      if (d.classes() != null) {
        b.append("<div class=\"grid\">\n").append(HeatMap.svg("confusion", d.classes().confusion()));
        perClass(b, d.classes());
        b.append("</div>\n");
      }
    }
    epochTable(b, h);
    b.append("<h2>Configuration</h2>\n");
    table(b, "configuration", d.configuration());
    b.append("<h2>Manifest</h2>\n");
    table(b, "manifest", d.manifest());
    return b.append("</body>\n</html>\n").toString();
  }

  private static LayerHealth layerOf(List<EpochMetrics> h, int l) {
    for (EpochMetrics m : h) {
      if (l < m.layers().size()) {
        return m.layers().get(l);
      }
    }
    return null;
  }

  private static boolean has(List<EpochMetrics> h, String metric) {
    return h.stream().anyMatch(m -> m.validation().containsKey(metric));
  }

  private static double[] series(List<EpochMetrics> h, java.util.function.ToDoubleFunction<EpochMetrics> f) {
    return h.stream().mapToDouble(f).toArray();
  }

  private static void warnings(StringBuilder b, List<EpochMetrics> h) {
    if (h.isEmpty()) {
      return;
    }
    EpochMetrics last = h.get(h.size() - 1);
    for (String w : Diagnostics.warnings(last.layers())) {
      b.append("<p class=\"warn\">warning (epoch ").append(last.epoch()).append("): ").append(Xml.escape(w))
          .append("</p>\n");
    }
  }

  private static void perClass(StringBuilder b, ReportData.ClassResults c) {
    b.append("<table id=\"per-class\"><tr><th>class</th><th>precision</th><th>recall</th><th>F1</th></tr>\n");
    for (int k = 0; k < c.precision().length; k++) {
      b.append("<tr><td class=\"k\">").append(k).append("</td><td>").append(Xml.number(c.precision()[k]))
          .append("</td><td>").append(Xml.number(c.recall()[k])).append("</td><td>").append(Xml.number(c.f1()[k]))
          .append("</td></tr>\n");
    }
    b.append("</table>\n");
  }

  private static void epochTable(StringBuilder b, List<EpochMetrics> h) {
    b.append("<h2>Epochs</h2>\n<table id=\"epochs\"><tr><th>epoch</th><th>train loss</th>");
    java.util.Set<String> names = new java.util.TreeSet<>();
    h.forEach(m -> names.addAll(m.validation().keySet()));
    names.forEach(k -> b.append("<th>val ").append(Xml.escape(k)).append("</th>"));
    b.append("<th>learning rate</th><th>samples/s</th><th>epoch s</th></tr>\n");
    for (EpochMetrics m : h) {
      b.append("<tr><td>").append(m.epoch()).append("</td><td>").append(Xml.number(m.trainLoss())).append("</td>");
      names.forEach(k -> b.append("<td>").append(Xml.number(m.validationMetric(k))).append("</td>"));
      b.append("<td>").append(Xml.number(m.learningRate())).append("</td><td>")
          .append(Xml.number(m.samplesPerSecond())).append("</td><td>").append(Xml.number(m.epochSeconds()))
          .append("</td></tr>\n");
    }
    b.append("</table>\n");
  }

  private static void table(StringBuilder b, String id, Map<String, ?> rows) {
    b.append("<table id=\"").append(id).append("\">\n");
    for (Map.Entry<String, ?> e : rows.entrySet()) {
      Object v = e.getValue();
      String text = v instanceof Double x ? Xml.number(x) : String.valueOf(v);
      b.append("<tr><td class=\"k\">").append(Xml.escape(e.getKey())).append("</td><td class=\"k\">")
          .append(Xml.escape(text)).append("</td></tr>\n");
    }
    b.append("</table>\n");
  }
}
