package dev.nabla.report;

/**
 * A confusion matrix as a hand-written SVG heat map: rows are actual classes, columns predicted classes;
 * each cell's shade is its count divided by its row's total (so the diagonal shows per-class recall) and
 * its text is the count. Each cell is a {@code <rect>} with {@code data-actual}, {@code data-predicted}
 * and {@code data-count}.
 */
final class HeatMap {
  private static final int CELL_MAX = 44;
  private static final int MARGIN = 70;

  private HeatMap() {
  }

  static String svg(String id, long[][] confusion) {
    int k = confusion.length;
    int cell = Math.max(14, Math.min(CELL_MAX, 520 / Math.max(1, k)));
    int size = MARGIN + cell * k + 10;
    StringBuilder b = new StringBuilder();
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"heatmap\" id=\"").append(Xml.escape(id))
        .append("\" width=\"").append(size).append("\" height=\"").append(size).append("\" viewBox=\"0 0 ")
        .append(size).append(' ').append(size).append("\" data-classes=\"").append(k).append("\">\n");
    b.append("<text x=\"").append(MARGIN + cell * k / 2).append("\" y=\"14\" class=\"axis\" text-anchor=\"middle\">"
        + "predicted</text>\n");
    b.append("<text x=\"14\" y=\"").append(MARGIN + cell * k / 2).append("\" class=\"axis\" text-anchor=\"middle\" "
        + "transform=\"rotate(-90 14 ").append(MARGIN + cell * k / 2).append(")\">actual</text>\n");
    int font = Math.max(8, Math.min(12, cell / 3));
    for (int c = 0; c < k; c++) {
      b.append("<text x=\"").append(MARGIN + cell * c + cell / 2).append("\" y=\"").append(MARGIN - 8)
          .append("\" class=\"tick\" text-anchor=\"middle\">").append(c).append("</text>");
      b.append("<text x=\"").append(MARGIN - 8).append("\" y=\"").append(MARGIN + cell * c + cell / 2 + 4)
          .append("\" class=\"tick\" text-anchor=\"end\">").append(c).append("</text>\n");
    }
    for (int a = 0; a < k; a++) {
      long total = 0;
      for (long v : confusion[a]) {
        total += v;
      }
      for (int p = 0; p < k; p++) {
        long n = confusion[a][p];
        double share = total == 0 ? 0 : (double) n / total;
        int x = MARGIN + cell * p;
        int y = MARGIN + cell * a;
        b.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(cell)
            .append("\" height=\"").append(cell).append("\" fill=\"").append(shade(share))
            .append("\" stroke=\"#ffffff\" data-actual=\"").append(a).append("\" data-predicted=\"").append(p)
            .append("\" data-count=\"").append(n).append("\"/>");
        if (n > 0) {
          b.append("<text x=\"").append(x + cell / 2).append("\" y=\"").append(y + cell / 2 + font / 3)
              .append("\" font-size=\"").append(font).append("\" text-anchor=\"middle\" fill=\"")
              .append(share > 0.5 ? "#ffffff" : "#222222").append("\">").append(n).append("</text>");
        }
        b.append('\n');
      }
    }
    return b.append("</svg>\n").toString();
  }

  /** White (0) to dark blue (1). */
  static String shade(double share) {
    double s = Math.max(0, Math.min(1, share));
    int r = (int) Math.round(247 + (8 - 247) * s);
    int g = (int) Math.round(251 + (48 - 251) * s);
    int bl = (int) Math.round(255 + (107 - 255) * s);
    return String.format("#%02x%02x%02x", r, g, bl);
  }
}
