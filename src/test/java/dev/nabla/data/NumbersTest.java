package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NumbersTest {

  private static double parse(String s) {
    return Numbers.parse(s, 0, s.length());
  }

  @Test
  void parsesPlainDecimals() {
    assertEquals(-1.0, parse("-1"));
    assertEquals(0.5, parse(".5"));
    assertEquals(2.0, parse("2."));
    assertEquals(3e-4, parse("+3E-4"));
    assertEquals(1.25, parse("  1.25\t"));
  }

  @Test
  void parsesNanAndInfinityWordsAsSuch() {
    assertTrue(Double.isNaN(parse("NaN")));
    assertTrue(Double.isNaN(parse("nan")));
    assertEquals(Double.NEGATIVE_INFINITY, parse("-inf"));
    assertEquals(Double.POSITIVE_INFINITY, parse("Infinity"));
    assertEquals(Double.POSITIVE_INFINITY, parse("1e400"));
  }

  @Test
  void rejectsJavaOnlyFormsAndGarbage() {
    for (String bad : new String[] {"1d", "1f", "0x1p3", "", " ", ".", "1e", "1e+", "--1", "1,5", "abc", "1 2"}) {
      assertThrows(NumberFormatException.class, () -> parse(bad), "'" + bad + "'");
    }
  }

  @Test
  void parsesIndexDigitsOnly() {
    assertEquals(12, Numbers.parseIndex("a12:", 1, 3));
    assertEquals(-1, Numbers.parseIndex("-3", 0, 2));
    assertEquals(-1, Numbers.parseIndex("", 0, 0));
    assertEquals(-1, Numbers.parseIndex("99999999999", 0, 11));
    assertEquals(Integer.MAX_VALUE, Numbers.parseIndex("2147483647", 0, 10));
    assertEquals(-1, Numbers.parseIndex("2147483648", 0, 10));
  }

  @Test
  void formatsIntegersWithoutFraction() {
    assertEquals("3", Numbers.format(3.0));
    assertEquals("-0.5", Numbers.format(-0.5));
    assertEquals("NaN", Numbers.format(Double.NaN));
  }

  @Test
  void excerptKeepsShortTextAndCutsLongTextAroundTheToken() {
    assertEquals("short line", BadRow.excerpt("short line", 0, 5));
    String longLine = "x".repeat(100) + "BAD" + "y".repeat(100);
    String cut = BadRow.excerpt(longLine, 100, 103);
    assertTrue(cut.contains("BAD"), cut);
    assertTrue(cut.startsWith("...") && cut.endsWith("..."), cut);
    assertEquals(BadRow.MAX_EXCERPT + 6, cut.length());
    assertEquals("x".repeat(80) + "...", BadRow.excerpt(longLine, 0, 0));
  }

  @Test
  void parsesEveryDecimalToTheSameBitsAsParseDouble() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    for (int n = 0; n < 200_000; n++) {
      int intDigits = r.nextInt(0, 10);
      int fracDigits = r.nextInt(0, 25);
      StringBuilder b = new StringBuilder(r.nextBoolean() ? "-" : r.nextInt(10) == 0 ? "+" : "");
      for (int k = 0; k < intDigits; k++) {
        b.append((char) ('0' + r.nextInt(10)));
      }
      if (fracDigits > 0 || intDigits == 0) {
        b.append('.');
        for (int k = 0; k < Math.max(1, fracDigits); k++) {
          b.append((char) ('0' + r.nextInt(10)));
        }
      }
      String text = b.toString();
      assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)),
          Double.doubleToRawLongBits(Numbers.parse(text, 0, text.length())), text);
    }
    for (String text : new String[] {"0", "-0", "-0.0", "0.00000", "1e5", "123456789012345", "1234567890123456",
        "0.1234567890123456789012", "9007199254740993", ".5", "5."}) {
      assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)),
          Double.doubleToRawLongBits(Numbers.parse(text, 0, text.length())), text);
    }
  }
}
