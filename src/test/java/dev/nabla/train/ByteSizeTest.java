package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ByteSizeTest {
  @Test
  void readsPlainNumbersAndBinarySuffixes() {
    assertEquals(67108864L, ByteSize.parse("67108864"));
    assertEquals(64L << 10, ByteSize.parse("64k"));
    assertEquals(64L << 20, ByteSize.parse("64m"));
    assertEquals(64L << 20, ByteSize.parse("64MiB"));
    assertEquals(64L << 20, ByteSize.parse(" 64MB "));
    assertEquals(1L << 30, ByteSize.parse("1g"));
    assertEquals(2L << 40, ByteSize.parse("2t"));
  }

  @Test
  void refusesWhatIsNotAPositiveSizeNamingIt() {
    for (String bad : new String[] {"", "m", "0", "-5m", "1.5g", "64x", "99999999999t"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(bad), bad);
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
  }

  @Test
  void formatsTheShortestFormThatReadsBack() {
    assertEquals("64m", ByteSize.format(64L << 20));
    assertEquals("1g", ByteSize.format(1L << 30));
    assertEquals("1000", ByteSize.format(1000));
    assertEquals("3k", ByteSize.format(3072));
    for (long b : new long[] {1, 1000, 3072, 64L << 20, (1L << 30) + 1}) {
      assertEquals(b, ByteSize.parse(ByteSize.format(b)));
    }
  }
}
