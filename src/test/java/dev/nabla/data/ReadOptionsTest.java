package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadOptionsTest {

  private static void assertRejected(Runnable make, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::run);
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "message should contain [" + f + "]: " + e.getMessage());
    }
  }

  @Test
  void parsesFormatNamesIgnoringCase() {
    assertEquals(Format.LIBSVM, Format.parse("libsvm"));
    assertEquals(Format.CSV, Format.parse("CSV"));
    assertEquals(Format.IDX, Format.parse(" idx "));
    assertEquals(Format.PARQUET, Format.parse("parquet"));
  }

  @Test
  void rejectsUnknownFormatListingAllowed() {
    assertRejected(() -> Format.parse("json"), "'json'", "libsvm, csv, idx, parquet");
    assertRejected(() -> Format.parse(null), "libsvm, csv, idx, parquet");
  }

  @Test
  void parsesOnBadRowAndRejectsOthers() {
    assertEquals(OnBadRow.FAIL, OnBadRow.parse("fail"));
    assertEquals(OnBadRow.SKIP, OnBadRow.parse("Skip"));
    assertRejected(() -> OnBadRow.parse("ignore"), "'ignore'", "fail, skip");
  }

  @Test
  void defaultsInferEverythingAndFail() {
    ReadOptions o = ReadOptions.of(Format.CSV, true);
    assertEquals(0, o.numFeatures());
    assertEquals(0, o.numClasses());
    assertEquals(OnBadRow.FAIL, o.onBadRow());
    assertEquals(List.of("0"), o.csvLabelColumns());
    assertEquals("label", ReadOptions.of(Format.PARQUET, true).frameLabelCol());
    assertEquals("features", ReadOptions.of(Format.PARQUET, true).frameFeaturesCol());
  }

  @Test
  void rejectsOptionsThatDoNotApplyToTheFormat() {
    assertRejected(() -> ReadOptions.of(Format.LIBSVM, true).withLabelCol("y"), "labelCol", "'y'", "libsvm");
    assertRejected(() -> ReadOptions.of(Format.CSV, true).withFeaturesCol("f"), "featuresCol", "parquet only");
    assertRejected(() -> ReadOptions.of(Format.PARQUET, true).withHeader(true), "header", "csv only");
    assertRejected(() -> ReadOptions.of(Format.CSV, true).withLabelsPath("x"), "labelsPath", "idx only");
  }

  @Test
  void rejectsBadNumbers() {
    assertRejected(() -> ReadOptions.of(Format.CSV, true).withNumFeatures(-1), "numFeatures", "-1");
    assertRejected(() -> ReadOptions.of(Format.CSV, true).withNumClasses(1), "numClasses", "at least 2", "1");
    assertRejected(() -> ReadOptions.of(Format.CSV, false).withNumClasses(3), "numClasses", "classification only");
  }

  @Test
  void rejectsSeveralLabelColumnsForClassification() {
    assertRejected(() -> ReadOptions.of(Format.CSV, true).withLabelCol("a,b"), "labelCol", "'a,b'", "regression");
    assertEquals(List.of("a", "b"), ReadOptions.of(Format.CSV, false).withLabelCol(" a , b").csvLabelColumns());
  }

  @Test
  void rejectsBlankAndRepeatedLabelColumns() {
    assertRejected(() -> ReadOptions.of(Format.CSV, false).withLabelCol("a,,b"), "empty entry");
    assertRejected(() -> ReadOptions.of(Format.CSV, false).withLabelCol("a,a"), "'a' twice");
    assertRejected(() -> ReadOptions.of(Format.PARQUET, false).withLabelCol(" "), "labelCol", "blank");
  }

  @Test
  void rejectsNullFormatAndOnBadRow() {
    assertRejected(() -> new ReadOptions(null, null, null, false, 0, true, 0, OnBadRow.FAIL, null), "format");
    assertRejected(() -> ReadOptions.of(Format.CSV, true).withOnBadRow(null), "onBadRow", "fail, skip");
  }
}
