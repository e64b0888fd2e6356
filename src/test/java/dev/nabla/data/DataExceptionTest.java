package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DataExceptionTest {

  @Test
  void findsDataExceptionInCauseChain() {
    DataException d = new DataException("a.csv:3: NaN in column 1 in '1,NaN'; replace it");
    RuntimeException wrapped = new RuntimeException("Job aborted", new IllegalStateException("task", d));
    assertSame(d, DataException.find(wrapped).orElseThrow());
  }

  @Test
  void recoversMessageWhenSparkLostTheCause() {
    RuntimeException spark = new RuntimeException("Job aborted due to stage failure: Task 0 in stage 1.0 failed 1 "
        + "times, most recent failure: Lost task 0.0: dev.nabla.data.DataException: a.txt:7: feature index 0 in "
        + "'1 0:1'; LIBSVM indices start at 1\n\tat dev.nabla.data.Assembler...");
    DataException d = DataException.find(spark).orElseThrow();
    assertEquals("a.txt:7: feature index 0 in '1 0:1'; LIBSVM indices start at 1", d.getMessage());
    assertSame(spark, d.getCause());
  }

  @Test
  void findsNothingInUnrelatedFailures() {
    assertEquals(Optional.empty(), DataException.find(new RuntimeException("disk full", new Error("io"))));
    assertEquals(Optional.empty(), DataException.find(null));
  }

  @Test
  void keepsMessageOnOneLine() {
    assertTrue(!new DataException("a\nb\r\nc").getMessage().contains("\n"));
    assertEquals("a b c", new DataException("a\nb\r\nc").getMessage());
  }
}
