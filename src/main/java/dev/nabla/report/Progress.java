package dev.nabla.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress within an epoch. On a terminal: a bar redrawn in place with {@code \r} (steps done/total,
 * the epoch's MEAN loss so far, samples/s, ETA of the epoch), at most {@value #REDRAWS_PER_SECOND} times a
 * second, and cleared when the epoch ends so that the epoch line takes its place. Otherwise (a file, a
 * pipe, a cluster log): the same facts as one plain line every {@code logEverySeconds}.
 *
 * <p>Register it before {@link ConsoleLog}, so the bar is cleared before the epoch line is printed.
 */
public final class Progress implements TrainingListener {
  /** The most redraws of the terminal bar per second. */
  public static final int REDRAWS_PER_SECOND = 10;
  private static final int BAR_WIDTH = 30;

  private final PrintStream out;
  private final boolean terminal;
  private final long intervalNanos;
  private final LongSupplier clock;
  private int epochs;
  private int stepsPerEpoch;
  private int epoch;
  private long epochStart;
  private long lastDraw;
  private int stepsDone;
  private double lossSum;
  private long samples;
  private int drawnWidth;

  /**
   * @param terminal true to draw a bar in place (stdout is a terminal: {@code System.console() != null})
   * @param logEverySeconds &gt; 0, the interval of plain lines when not on a terminal
   * @param clock nanoseconds, e.g. {@code System::nanoTime}
   */
  public Progress(PrintStream out, boolean terminal, double logEverySeconds, LongSupplier clock) {
    if (!(logEverySeconds > 0) || Double.isInfinite(logEverySeconds)) {
      throw new IllegalArgumentException("--log-every must be a positive number of seconds, got " + logEverySeconds);
    }
    this.out = out;
    this.terminal = terminal;
    this.intervalNanos = terminal ? 1_000_000_000L / REDRAWS_PER_SECOND : (long) (logEverySeconds * 1e9);
    this.clock = clock;
  }

  @Override public void onStart(String description, int epochs, int stepsPerEpoch) {
    this.epochs = epochs;
    this.stepsPerEpoch = stepsPerEpoch;
    startEpoch();
  }

  /** The next epoch's clock starts now (at the start of training, or when the previous epoch ended). */
  private void startEpoch() {
    epochStart = clock.getAsLong();
    lastDraw = epochStart;
    epoch = 0;
  }

  @Override public void onStep(StepMetrics m) {
    long now = clock.getAsLong();
    if (m.epoch() != epoch) {
      epoch = m.epoch();
      stepsDone = 0;
      lossSum = 0;
      samples = 0;
    }
    stepsDone++;
    lossSum += m.loss() * m.samples();
    samples += m.samples();
    if (now - lastDraw >= intervalNanos) {
      lastDraw = now;
      draw(m.step(), now);
    }
  }

  @Override public void onEpoch(EpochMetrics m) {
    if (terminal && drawnWidth > 0) {
      out.print("\r" + " ".repeat(drawnWidth) + "\r");
      out.flush();
    }
    drawnWidth = 0;
    startEpoch();
  }

  private void draw(int step, long now) {
    double seconds = (now - epochStart) / 1e9;
    double perStep = seconds / stepsDone;
    double eta = perStep * (stepsPerEpoch - step);
    String facts = String.format(Locale.ROOT, "%d/%d steps, loss %.4f, %.0f samples/s, ETA %s", step,
        stepsPerEpoch, lossSum / Math.max(1, samples), seconds > 0 ? samples / seconds : 0.0, duration(eta));
    if (terminal) {
      int filled = (int) ((long) BAR_WIDTH * step / Math.max(1, stepsPerEpoch));
      String text = "epoch " + epoch + "/" + epochs + " [" + "=".repeat(filled) + " ".repeat(BAR_WIDTH - filled)
          + "] " + facts;
      out.print("\r" + text + " ".repeat(Math.max(0, drawnWidth - text.length())));
      drawnWidth = text.length();
    } else {
      out.println("epoch " + epoch + "/" + epochs + ": " + facts);
    }
    out.flush();
  }

  /** E.g. {@code 42 s}, {@code 3 min 05 s}, {@code 1 h 02 min}. */
  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }
}
