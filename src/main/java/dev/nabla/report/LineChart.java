package dev.nabla.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written SVG line chart of series over epochs 1..E, linear or log₁₀ y axis. Each series is one
 * {@code <polyline>} (one point per epoch whose value is finite, and positive on a log axis) plus a dot per
 * point; the polyline carries the series name ({@code data-series}) and the raw values ({@code data-values},
 * one per plotted point) so that the chart can be checked against the run's data, and the {@code <svg>}
 * carries its y range ({@code data-y-min}, {@code data-y-max}, {@code data-log}).
 */
final class LineChart {
  static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
      "#7f7f7f"};
  static final int WIDTH = 600;
  static final int HEIGHT = 260;
  static final int LEFT = 64;
  static final int RIGHT = 140;
  static final int TOP = 28;
  static final int BOTTOM = 40;

  /** A named series, one value per epoch (NaN for none). */
  record Series(String name, double[] values) {
  }

  private final String id;
  private final String title;
  private final String yLabel;
  private final boolean log;
  private boolean fromZero;
  private final List<Series> series = new ArrayList<>();

  LineChart(String id, String title, String yLabel, boolean log) {
    this.id = id;
    this.title = title;
    this.yLabel = yLabel;
    this.log = log;
  }

  /** Starts a linear y axis at 0 (for shares such as saturation), however small the values. */
  LineChart fromZero() {
    this.fromZero = true;
    return this;
  }

  LineChart add(String name, double[] values) {
    series.add(new Series(name, values.clone()));
    return this;
  }

  private boolean plotted(double v) {
    return Double.isFinite(v) && (!log || v > 0);
  }

  private double t(double v) {
    return log ? Math.log10(v) : v;
  }

  /** The chart as an {@code <svg>} element. */
  String svg() {
    int epochs = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      epochs = Math.max(epochs, s.values().length);
      for (double v : s.values()) {
        if (plotted(v)) {
          lo = Math.min(lo, t(v));
          hi = Math.max(hi, t(v));
        }
      }
    }
    if (lo > hi) {
      lo = 0;
      hi = 1;
    } else if (log) {
      lo = Math.floor(lo);
      hi = Math.max(Math.ceil(hi), lo + 1);
    } else if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
      double pad = Math.max(1e-3, Math.abs(hi) * 0.1);
      lo -= pad;
      hi += pad;
    } else {
      double pad = (hi - lo) * 0.05;
      lo -= pad;
      hi += pad;
    }
    if (fromZero && !log && lo > 0) {
      lo = 0;
    }
    double yMin = log ? Math.pow(10, lo) : lo;
    double yMax = log ? Math.pow(10, hi) : hi;
    StringBuilder b = new StringBuilder();
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"").append(Xml.escape(id))
        .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ")
        .append(WIDTH).append(' ').append(HEIGHT).append("\" data-y-min=\"").append(yMin).append("\" data-y-max=\"")
        .append(yMax).append("\" data-log=\"").append(log).append("\" data-epochs=\"").append(epochs).append("\">\n");
    b.append("<text x=\"").append(LEFT).append("\" y=\"18\" class=\"title\">").append(Xml.escape(title))
        .append("</text>\n");
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    b.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(plotW)
        .append("\" height=\"").append(plotH).append("\" class=\"frame\"/>\n");
    double step = log ? 1 : niceStep((hi - lo) / 4);
    for (double tv = Math.ceil(lo / step - 1e-9) * step; tv <= hi + 1e-9 * step; tv += step) {
      double y = TOP + plotH - plotH * (tv - lo) / (hi - lo);
      b.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + plotW).append("\" y1=\"")
          .append(Xml.coord(y)).append("\" y2=\"").append(Xml.coord(y)).append("\" class=\"grid\"/>\n");
      b.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(Xml.coord(y + 4))
          .append("\" class=\"tick\" text-anchor=\"end\">").append(Xml.escape(log ? "1e" + Math.round(tv)
              : tick(tv))).append("</text>\n");
    }
    int every = Math.max(1, (int) Math.ceil(epochs / 10.0));
    for (int e = 1; e <= epochs; e += every) {
      b.append("<text x=\"").append(Xml.coord(x(e, epochs))).append("\" y=\"").append(TOP + plotH + 16)
          .append("\" class=\"tick\" text-anchor=\"middle\">").append(e).append("</text>\n");
    }
    b.append("<text x=\"").append(LEFT + plotW / 2).append("\" y=\"").append(HEIGHT - 6)
        .append("\" class=\"axis\" text-anchor=\"middle\">epoch</text>\n");
    b.append("<text x=\"14\" y=\"").append(TOP + plotH / 2).append("\" class=\"axis\" text-anchor=\"middle\" "
        + "transform=\"rotate(-90 14 ").append(TOP + plotH / 2).append(")\">").append(Xml.escape(yLabel))
        .append("</text>\n");
    for (int k = 0; k < series.size(); k++) {
      Series s = series.get(k);
      String color = COLORS[k % COLORS.length];
      StringBuilder points = new StringBuilder();
      StringBuilder values = new StringBuilder();
      StringBuilder dots = new StringBuilder();
      for (int i = 0; i < s.values().length; i++) {
        double v = s.values()[i];
        if (!plotted(v)) {
          continue;
        }
        String px = Xml.coord(x(i + 1, epochs));
        String py = Xml.coord(TOP + plotH - plotH * (t(v) - lo) / (hi - lo));
        points.append(points.length() == 0 ? "" : " ").append(px).append(',').append(py);
        values.append(values.length() == 0 ? "" : " ").append(v);
        dots.append("<circle cx=\"").append(px).append("\" cy=\"").append(py).append("\" r=\"2.5\" fill=\"")
            .append(color).append("\"/>");
      }
      b.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" data-series=\"")
          .append(Xml.escape(s.name())).append("\" data-values=\"").append(values).append("\" points=\"")
          .append(points).append("\"/>\n").append(dots).append('\n');
      int ly = TOP + 10 + 18 * k;
      b.append("<rect x=\"").append(LEFT + plotW + 12).append("\" y=\"").append(ly - 8)
          .append("\" width=\"12\" height=\"4\" fill=\"").append(color).append("\"/>");
      b.append("<text x=\"").append(LEFT + plotW + 30).append("\" y=\"").append(ly).append("\" class=\"legend\">")
          .append(Xml.escape(s.name())).append("</text>\n");
    }
    return b.append("</svg>\n").toString();
  }

  /** A tick label: 4 significant digits without trailing zeros, e.g. 0.25, 1.5e-05, 0. */
  static String tick(double v) {
    if (Math.abs(v) < 1e-12) {
      return "0";
    }
    String t = String.format(java.util.Locale.ROOT, "%.4g", v);
    int e = t.indexOf('e');
    String mantissa = e < 0 ? t : t.substring(0, e);
    if (mantissa.contains(".")) {
      mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return e < 0 ? mantissa : mantissa + t.substring(e);
  }

  /** The smallest of 1, 2, 5 × 10^k that is at least {@code raw}. */
  static double niceStep(double raw) {
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    double m = raw / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  }

  /** The x pixel of epoch e of E. */
  static double x(int e, int epochs) {
    int plotW = WIDTH - LEFT - RIGHT;
    return epochs <= 1 ? LEFT + plotW / 2.0 : LEFT + plotW * (e - 1) / (double) (epochs - 1);
  }
}
