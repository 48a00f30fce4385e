package io.strata.index;

import io.strata.api.data.ColumnValueSelector;
import io.strata.api.data.DimensionSelector;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static io.strata.index.TestRows.row;
import static org.assertj.core.api.Assertions.assertThat;

class InputRowSelectorFactoryTest {

  private static Object read(Object raw) {
    InputRowSelectorFactory f = new InputRowSelectorFactory();
    f.setRow(row(0, "x", raw));
    return f.makeColumnValueSelector("x").getObject();
  }

  @Test
  void numbersFollowTheConversionRules() {
    assertThat(read(12)).isEqualTo(12L);
    assertThat(read(1.5f)).isEqualTo(1.5);
    assertThat(read("42")).isEqualTo(42L);
    assertThat(read(" -7 ")).isEqualTo(-7L);
    assertThat(read("+5")).isEqualTo(5L);
    assertThat(read("1,234")).isEqualTo(1234L);
    assertThat(read("2.5e3")).isEqualTo(2500.0);
    assertThat(read("NaN")).isEqualTo(Double.NaN);
    assertThat(read("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(read("9223372036854775808")).isEqualTo(9.223372036854775808E18);
    assertThat(read(new BigInteger("123456789012345678901234"))).isEqualTo(1.2345678901234568E23);
    assertThat(read(true)).isEqualTo(1L);
    assertThat(read(List.of("3"))).isEqualTo(3L);
    assertThat(read("")).isNull();
    assertThat(read("   ")).isNull();
    assertThat(read(null)).isNull();
    assertThat(read(List.of())).isNull();
  }

  @Test
  void badValuesReadAsNullAndAreReportedOncePerRow() {
    InputRowSelectorFactory f = new InputRowSelectorFactory();
    ColumnValueSelector a = f.makeColumnValueSelector("x");
    ColumnValueSelector b = f.makeColumnValueSelector("x");
    for (Object bad : List.of("1.5f", "0x10", "abc", "--1", "+-1", List.of(1, 2), java.util.Map.of("k", 1))) {
      f.setRow(row(0, "x", bad));
      assertThat(a.isNull()).as("%s", bad).isTrue();
      assertThat(b.getLong()).isZero();
      assertThat(b.getDouble()).isZero();
      assertThat(f.parseErrors()).as("%s", bad).containsExactly("Unable to parse value[" + bad + "] for field[x]");
    }
    f.setRow(row(0, "x", "3"));
    assertThat(f.parseErrors()).isEmpty();
    assertThat(a.getFloat()).isEqualTo(3f);
  }

  @Test
  void timeAndDimensionSelectorsReadTheCurrentRow() {
    InputRowSelectorFactory f = new InputRowSelectorFactory();
    ColumnValueSelector time = f.makeColumnValueSelector("__time");
    DimensionSelector dim = f.makeDimensionSelector("d");
    assertThat(time.isNull()).isTrue();
    f.setRow(row(1234, "d", 5));
    assertThat(time.getLong()).isEqualTo(1234);
    assertThat(time.getObject()).isEqualTo(1234L);
    assertThat(dim.getValue()).isEqualTo("5");
    assertThat(dim.nameLookupPossibleInAdvance()).isFalse();
    assertThat(f.capabilities("d")).isNull();
    assertThat(f.row().get("d")).isEqualTo(5);
  }
}
