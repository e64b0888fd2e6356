package dev.nabla.train.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.GradientSum;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The hand-over between two threads of one JVM: steps down, answers up, lent work run by the waiting child. */
class LocalEdgeTest {
  /** Polling (1 ms, as when each thread has a core) and parking at once. */
  private static final long[] SPINS = {TreeStream.SPIN_NANOS, 0};

  @Test
  void stepsGoDownAndAnswersComeUpInOrder() throws Exception {
    for (long spin : SPINS) {
      Edge.Local edge = new Edge.Local(spin);
      CompletableFuture<Integer> child = CompletableFuture.supplyAsync(() -> {
        int served = 0;
        try {
          Edge.Step s;
          while ((s = edge.receiveStep()) != null) {
            GradientSum sum = new GradientSum(1);
            sum.gradient[0] = s.theta()[0] * 2;
            sum.count = s.step();
            edge.sendAnswer(sum, 7);
            served++;
          }
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
        return served;
      });
      for (int step = 0; step < 200; step++) {
        edge.sendStep(0, step, new double[] {step});
        Edge.Answer a = edge.receiveAnswer();
        assertEquals(2.0 * step, a.sum().gradient[0]);
        assertEquals(step, a.sum().count);
        assertEquals(7, a.maxTaskBytes());
      }
      edge.sendEnd();
      assertEquals(200, child.get(10, TimeUnit.SECONDS), "spin " + spin);
    }
  }

  @Test
  void aWaitingChildRunsWhatItIsLentOnItsThreadThenItsStep() throws Exception {
    for (long spin : SPINS) {
      Edge.Local edge = new Edge.Local(spin);
      AtomicReference<Thread> childThread = new AtomicReference<>();
      AtomicReference<Thread> ranOn = new AtomicReference<>();
      CountDownLatch ran = new CountDownLatch(1);
      CompletableFuture<double[]> child = CompletableFuture.supplyAsync(() -> {
        childThread.set(Thread.currentThread());
        try {
          return edge.receiveStep().theta();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      Thread.sleep(20); // the child waits (parked, or polling)
      edge.lend(() -> {
        ranOn.set(Thread.currentThread());
        ran.countDown();
      });
      assertTrue(ran.await(10, TimeUnit.SECONDS), "lent work not run, spin " + spin);
      assertSame(childThread.get(), ranOn.get());
      double[] theta = {1, 2};
      edge.sendStep(0, 0, theta);
      assertArrayEquals(theta, child.get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void aClosedEdgeEndsTheWaitAndRefusesSteps() throws Exception {
    Edge.Local edge = new Edge.Local(0);
    CompletableFuture<String> child = CompletableFuture.supplyAsync(() -> {
      try {
        edge.receiveStep();
        return "returned";
      } catch (IOException e) {
        return e.getMessage();
      }
    });
    Thread.sleep(20);
    edge.close();
    assertEquals("the stream ended", child.get(10, TimeUnit.SECONDS));
    assertThrows(IOException.class, () -> edge.sendStep(0, 0, new double[1]));
  }

  @Test
  void anEmptyAnswerIsNull() throws Exception {
    Edge.Local edge = new Edge.Local(0);
    edge.sendAnswer(null, 0);
    assertNull(edge.receiveAnswer().sum());
  }
}
