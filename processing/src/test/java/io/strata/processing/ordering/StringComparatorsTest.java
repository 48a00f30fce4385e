package io.strata.processing.ordering;

import io.strata.api.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StringComparatorsTest {
  private static final String EMOJI = "\uD83D\uDE00";
  private static final String TILDE = "\uFF5E";

  private static List<String> sorted(Comparator<String> c, String... values) {
    List<String> list = new ArrayList<>(Arrays.asList(values));
    Collections.shuffle(list, new Random(7));
    list.sort(c);
    return list;
  }

  @Test
  void forNameKnowsAllOrderings() {
    assertThat(StringComparators.forName(null)).isSameAs(StringComparators.LEXICOGRAPHIC);
    assertThat(StringComparators.forName("Numeric")).isSameAs(StringComparators.NUMERIC);
    assertThat(StringComparators.forName("alphanumeric")).isSameAs(StringComparators.ALPHANUMERIC);
    assertThat(StringComparators.forName("strlen")).isSameAs(StringComparators.STRLEN);
    assertThat(StringComparators.forName("version")).isSameAs(StringComparators.VERSION);
    assertThatThrownBy(() -> StringComparators.forName("bogus")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("bogus");
    assertThat(StringComparators.isLexicographic(null)).isTrue();
    assertThat(StringComparators.isLexicographic("numeric")).isFalse();
  }

  @Test
  void lexicographicIsUtf8ByteOrderNullsFirst() {
    assertThat(sorted(StringComparators.LEXICOGRAPHIC, "b", null, "a", "", "ab", EMOJI, TILDE, "\u00e9", "B"))
        .containsExactly(null, "", "B", "a", "ab", "b", "\u00e9", TILDE, EMOJI);
    assertThat(TILDE.compareTo(EMOJI)).isPositive(); // UTF-16 order differs
    Random r = new Random(42);
    for (int i = 0; i < 2000; i++) {
      String a = randomString(r);
      String b = randomString(r);
      int expected = Integer.signum(Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
          b.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      assertThat(Integer.signum(StringComparators.LEXICOGRAPHIC.compare(a, b))).as(a + " vs " + b)
          .isEqualTo(expected);
    }
  }

  private static String randomString(Random r) {
    int[] pool = {'a', 'b', 0xe9, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xff5e, 0xffff, 0x10000, 0x1f600, 0x10ffff};
    StringBuilder sb = new StringBuilder();
    for (int i = r.nextInt(4); i > 0; i--) {
      sb.appendCodePoint(pool[r.nextInt(pool.length)]);
    }
    return sb.toString();
  }

  @Test
  void numericPutsNullThenTextThenNumbers() {
    assertThat(sorted(StringComparators.NUMERIC, "10", "2", null, "-1", "1.5", "world", "hello", "1e1x"))
        .containsExactly(null, "1e1x", "hello", "world", "-1", "1.5", "2", "10");
    assertThat(StringComparators.NUMERIC.compare("1.0", "1")).isZero();
    assertThat(StringComparators.NUMERIC.compare("1e2", "99")).isPositive();
  }

  @Test
  void alphanumeric() {
    assertThat(sorted(StringComparators.ALPHANUMERIC, "file12", "file2", "file1", null, "file", "1.15", "1.3"))
        .containsExactly(null, "1.3", "1.15", "file", "file1", "file2", "file12");
    assertThat(StringComparators.ALPHANUMERIC.compare("2", "-1")).isNegative();
    assertThat(StringComparators.ALPHANUMERIC.compare("a01", "a1")).isPositive();
    assertThat(StringComparators.ALPHANUMERIC.compare("a99999999999999999999", "a100000000000000000000"))
        .isNegative();
  }

  @Test
  void strlen() {
    assertThat(sorted(StringComparators.STRLEN, "ab", "b", "aa", null, "", "abc"))
        .containsExactly(null, "", "b", "aa", "ab", "abc");
  }

  @Test
  void version() {
    assertThat(sorted(StringComparators.VERSION, "1.10", "1.2", "1.0-alpha", "1.0", "0.9.9", null, "1.0.1",
        "1.0-rc1", "2"))
        .containsExactly(null, "0.9.9", "1.0-alpha", "1.0-rc1", "1.0", "1.0.1", "1.2", "1.10", "2");
    assertThat(StringComparators.VERSION.compare("1.0", "1")).isZero();
    assertThat(StringComparators.VERSION.compare("1.0-SNAPSHOT", "1.0")).isNegative();
  }
}
