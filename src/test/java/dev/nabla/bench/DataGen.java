package dev.nabla.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded generators of the two scaling benchmark data sets (issue 14): the same arguments give the same
 * bytes, on any machine.
 *
 * <ul>
 *   <li>{@code higgs}: HIGGS-shaped CSV, no header, one row per line: the label 0 or 1, then
 *       {@value #HIGGS_FEATURES} features in [−1, 1] with 5 decimals ({@code 1,0.12345,-0.98765,…};
 *       about 240 bytes a row). The features are uniform on the grid of 5-decimal values; the label is
 *       the sign of a fixed teacher network, s(x) = Σ_h v_h tanh(w_h · x) with {@value #TEACHER_UNITS}
 *       tanh units, then flipped with probability {@value #HIGGS_FLIP}. s is odd (no biases) and the
 *       features are symmetric, so the classes are balanced; the flips cap the accuracy of any
 *       classifier at about 1 − {@value #HIGGS_FLIP}.</li>
 *   <li>{@code sparse}: multi-class LIBSVM, {@code label idx:value …} with labels 0..C−1 (uniform), K
 *       distinct indices per row, 1-based and increasing, positive values with 4 decimals (a tf-idf-like
 *       weight tf · idf, each row scaled to unit L2 norm). Each class owns a fixed 1/C share of the D
 *       features (a fixed random partition); each of a row's K features comes from its class's share with
 *       probability {@value #SPARSE_IN_CLASS}, otherwise from all D features.</li>
 * </ul>
 *
 * <p>The concept (the teacher network; the partition of the features and their idf weights) comes from a
 * fixed seed, {@value #CONCEPT_SEED}; {@code --seed} draws only the rows (and the label flips). Files of
 * different seeds are thus independent samples of the same task: a training set and a validation set.
 *
 * <p>Usage: {@code DataGen higgs|sparse [options] --out FILE}; run it through
 * {@code submit-scripts/gen-data.sh}. Prints one line with rows, bytes and seconds at the end.
 */
public final class DataGen {
  static final int HIGGS_FEATURES = 28;
  static final int TEACHER_UNITS = 6;
  /** The standard deviation of a teacher unit's input w_h · x: large enough that tanh bends. */
  static final double TEACHER_GAIN = 2.0;
  static final double HIGGS_FLIP = 0.05;
  static final double SPARSE_IN_CLASS = 0.8;
  /** Probability that a term occurs once more (tf is 1 + a geometric count). */
  static final double SPARSE_REPEAT = 0.3;
  static final long CONCEPT_SEED = 14L;
  static final String USAGE = """
      usage: DataGen higgs|sparse --out FILE [options]
        higgs: CSV, label 0/1 then 28 features in [-1, 1] with 5 decimals
        sparse: LIBSVM, labels 0..C-1, K increasing 1-based indices per row, values with 4 decimals
        --rows N        rows (default 2000000 for higgs, 50000 for sparse)
        --features D    sparse only: feature dimension (default 200000)
        --nnz K         sparse only: nonzeros per row (default 40)
        --classes C     sparse only: classes (default 10; D / C must be at least K)
        --seed S        seed of the rows (default 1); the task itself is fixed, so another seed gives
                        another sample of it (e.g. a validation set)
        --out FILE      the file to write (parent directories are created)
        --overwrite     replace FILE if it exists (otherwise refused)""";

  private DataGen() {
  }

  /**
   * A validated command line.
   *
   * @param kind {@code higgs} or {@code sparse}
   * @param features D (sparse; {@value #HIGGS_FEATURES} for higgs)
   * @param nnz K per row (sparse; unused, 0, for higgs)
   * @param classes C (2 for higgs)
   */
  record Spec(String kind, long rows, int features, int nnz, int classes, long seed, Path out, boolean overwrite) {
    Spec {
      if (rows < 1) {
        throw new IllegalArgumentException("--rows " + rows + ": must be at least 1");
      }
      if (kind.equals("sparse")) {
        if (nnz < 1 || classes < 2 || features < 1) {
          throw new IllegalArgumentException("--nnz, --classes, --features: need K >= 1, C >= 2, D >= 1; got K = "
              + nnz + ", C = " + classes + ", D = " + features);
        }
        if (features / classes < nnz) {
          throw new IllegalArgumentException("--features " + features + " / --classes " + classes + " = "
              + features / classes + " features per class, fewer than --nnz " + nnz + "; need D / C >= K");
        }
      }
    }

    /** Parses {@code higgs|sparse [options]}; throws IllegalArgumentException naming the bad argument. */
    static Spec parse(String[] args) {
      if (args.length == 0 || !(args[0].equals("higgs") || args[0].equals("sparse"))) {
        throw new IllegalArgumentException("the first argument must be higgs or sparse"
            + (args.length == 0 ? "" : ", not '" + args[0] + "'"));
      }
      String kind = args[0];
      boolean sparse = kind.equals("sparse");
      long rows = sparse ? 50_000 : 2_000_000;
      int features = sparse ? 200_000 : HIGGS_FEATURES;
      int nnz = sparse ? 40 : 0;
      int classes = sparse ? 10 : 2;
      long seed = 1;
      Path out = null;
      boolean overwrite = false;
      List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
      while (!rest.isEmpty()) {
        String arg = rest.remove(0);
        if (!sparse && List.of("--features", "--nnz", "--classes").contains(arg)) {
          throw new IllegalArgumentException(arg + " applies to sparse only (higgs has 28 features, 2 classes)");
        }
        switch (arg) {
          case "--rows" -> rows = number(arg, rest);
          case "--features" -> features = intNumber(arg, rest);
          case "--nnz" -> nnz = intNumber(arg, rest);
          case "--classes" -> classes = intNumber(arg, rest);
          case "--seed" -> seed = number(arg, rest);
          case "--out" -> out = Path.of(value(arg, rest));
          case "--overwrite" -> overwrite = true;
          default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
        }
      }
      if (out == null) {
        throw new IllegalArgumentException("--out FILE is required");
      }
      return new Spec(kind, rows, features, nnz, classes, seed, out, overwrite);
    }

    private static String value(String flag, List<String> rest) {
      if (rest.isEmpty()) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      return rest.remove(0);
    }

    private static long number(String flag, List<String> rest) {
      String v = value(flag, rest);
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(flag + " " + v + ": must be an integer");
      }
    }

    private static int intNumber(String flag, List<String> rest) {
      long v = number(flag, rest);
      if (v != (int) v) {
        throw new IllegalArgumentException(flag + " " + v + ": must be below 2^31");
      }
      return (int) v;
    }
  }

  public static void main(String[] args) {
    if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
      System.out.println(USAGE);
      return;
    }
    Spec spec;
    try {
      spec = Spec.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("DataGen: " + e.getMessage() + "\n" + USAGE);
      System.exit(2);
      return;
    }
    try {
      long start = System.nanoTime();
      long bytes = writeFile(spec);
      System.out.printf(Locale.ROOT, "DataGen %s: %d rows, %d bytes, %.1f s -> %s%n", spec.kind(), spec.rows(),
          bytes, (System.nanoTime() - start) / 1e9, spec.out());
    } catch (FileAlreadyExistsException e) {
      System.err.println("DataGen: " + spec.out() + " already exists; pass --overwrite to replace it");
      System.exit(2);
    } catch (IOException e) {
      System.err.println("DataGen: cannot write " + spec.out() + ": " + e);
      System.exit(1);
    }
  }

  /**
   * Writes the data set to {@code FILE.partial}, then renames it to FILE, so that an interrupted run
   * never leaves a file that looks complete; returns its size in bytes.
   *
   * @throws FileAlreadyExistsException if FILE exists and {@code spec.overwrite()} is false (checked
   *     before anything is written)
   */
  static long writeFile(Spec spec) throws IOException {
    Path out = spec.out().toAbsolutePath();
    if (!spec.overwrite() && Files.exists(out)) {
      throw new FileAlreadyExistsException(out.toString());
    }
    Files.createDirectories(out.getParent());
    Path partial = out.resolveSibling(out.getFileName() + ".partial");
    try (OutputStream os = Files.newOutputStream(partial)) {
      write(spec, os);
    }
    Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return Files.size(out);
  }

  /** Writes the rows of {@code spec} to {@code os} (not closed); returns the bytes written. */
  static long write(Spec spec, OutputStream os) throws IOException {
    Ascii w = new Ascii(os);
    if (spec.kind().equals("higgs")) {
      higgs(spec.rows(), spec.seed(), w);
    } else {
      sparse(spec.rows(), spec.features(), spec.nnz(), spec.classes(), spec.seed(), w);
    }
    w.flush();
    return w.written();
  }

  /** HIGGS-shaped rows (see the class comment); features are drawn as integers in units of 1e−5. */
  static void higgs(long rows, long seed, Ascii w) throws IOException {
    double[][] teacher = teacher();
    double[] in = teacher[0];
    double[] out = teacher[1];
    SplittableRandom rng = new SplittableRandom(seed);
    int[] units = new int[HIGGS_FEATURES];
    double[] x = new double[HIGGS_FEATURES];
    for (long r = 0; r < rows; r++) {
      for (int j = 0; j < HIGGS_FEATURES; j++) {
        units[j] = rng.nextInt(200_001) - 100_000;
        x[j] = units[j] / 1e5;
      }
      double s = 0;
      for (int h = 0; h < TEACHER_UNITS; h++) {
        double z = 0;
        for (int j = 0; j < HIGGS_FEATURES; j++) {
          z += in[h * HIGGS_FEATURES + j] * x[j];
        }
        s += out[h] * StrictMath.tanh(z);
      }
      boolean label = s > 0;
      if (rng.nextDouble() < HIGGS_FLIP) {
        label = !label;
      }
      w.put(label ? '1' : '0');
      for (int j = 0; j < HIGGS_FEATURES; j++) {
        w.put(',');
        w.fixed(units[j], 5);
      }
      w.put('\n');
    }
  }

  /**
   * The teacher {w, v} from {@link #CONCEPT_SEED}: w_hj ~ N(0, 3 g² / 28), so that w_h · x has standard
   * deviation g = {@value #TEACHER_GAIN} for x uniform in [−1, 1]^28, and v_h ~ N(0, 1).
   */
  static double[][] teacher() {
    SplittableRandom rng = new SplittableRandom(CONCEPT_SEED);
    double scale = TEACHER_GAIN * Math.sqrt(3.0 / HIGGS_FEATURES);
    double[] in = new double[TEACHER_UNITS * HIGGS_FEATURES];
    for (int i = 0; i < in.length; i++) {
      in[i] = scale * gaussian(rng);
    }
    double[] out = new double[TEACHER_UNITS];
    for (int h = 0; h < TEACHER_UNITS; h++) {
      out[h] = gaussian(rng);
    }
    return new double[][] {in, out};
  }

  /** Sparse multi-class rows (see the class comment). */
  static void sparse(long rows, int features, int nnz, int classes, long seed, Ascii w) throws IOException {
    SplittableRandom concept = new SplittableRandom(CONCEPT_SEED);
    int[] perm = permutation(features, concept);  // class c owns perm[c·D/C .. (c+1)·D/C)
    double[] idf = new double[features];
    for (int j = 0; j < features; j++) {
      idf[j] = 1 + 4 * concept.nextDouble();
    }
    SplittableRandom rng = new SplittableRandom(seed);
    int[] idx = new int[nnz];
    double[] val = new double[nnz];
    for (long r = 0; r < rows; r++) {
      int c = rng.nextInt(classes);
      int from = (int) ((long) c * features / classes);
      int share = (int) ((long) (c + 1) * features / classes) - from;
      for (int k = 0; k < nnz; k++) {
        int j;
        do {
          j = rng.nextDouble() < SPARSE_IN_CLASS ? perm[from + rng.nextInt(share)] : rng.nextInt(features);
        } while (contains(idx, k, j));
        idx[k] = j;
      }
      Arrays.sort(idx);
      double norm = 0;
      for (int k = 0; k < nnz; k++) {
        int tf = 1;
        while (rng.nextDouble() < SPARSE_REPEAT) {
          tf++;
        }
        val[k] = tf * idf[idx[k]];
        norm += val[k] * val[k];
      }
      norm = Math.sqrt(norm);
      w.integer(c);
      for (int k = 0; k < nnz; k++) {
        w.put(' ');
        w.integer(idx[k] + 1);
        w.put(':');
        w.fixed(Math.max(1, Math.round(val[k] / norm * 1e4)), 4);
      }
      w.put('\n');
    }
  }

  private static boolean contains(int[] a, int n, int v) {
    for (int i = 0; i < n; i++) {
      if (a[i] == v) {
        return true;
      }
    }
    return false;
  }

  /** A uniform random permutation of 0..n−1 (Fisher–Yates). */
  private static int[] permutation(int n, SplittableRandom rng) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int k = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[k];
      p[k] = t;
    }
    return p;
  }

  /** A standard normal draw (Box–Muller, one of the pair; StrictMath, so the same bits on every JVM). */
  private static double gaussian(SplittableRandom rng) {
    double u = 1 - rng.nextDouble();  // in (0, 1]
    return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * rng.nextDouble());
  }

  /** ASCII output through one reused buffer, numbers formatted by hand (no String.format per value). */
  static final class Ascii {
    private final OutputStream os;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private long written;

    Ascii(OutputStream os) {
      this.os = os;
    }

    void put(char c) throws IOException {
      if (pos == buf.length) {
        flush();
      }
      buf[pos++] = (byte) c;
    }

    /** A non-negative integer in decimal. */
    void integer(long v) throws IOException {
      if (v >= 10) {
        integer(v / 10);
      }
      put((char) ('0' + v % 10));
    }

    /** units · 10^−decimals with exactly {@code decimals} decimals, e.g. (−1234, 5) → {@code -0.01234}. */
    void fixed(long units, int decimals) throws IOException {
      if (units < 0) {
        put('-');
        units = -units;
      }
      long scale = 1;
      for (int d = 0; d < decimals; d++) {
        scale *= 10;
      }
      integer(units / scale);
      put('.');
      for (long frac = units % scale, s = scale / 10; s > 0; s /= 10) {
        put((char) ('0' + frac / s % 10));
      }
    }

    void flush() throws IOException {
      os.write(buf, 0, pos);
      written += pos;
      pos = 0;
    }

    long written() {
      return written;
    }
  }
}
