package io.strata.testkit.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonComparisonTest {
  private static JsonNode json(String text) throws Exception {
    return Json.MAPPER.readTree(text.replace('\'', '"'));
  }

  @Test
  void objectKeyOrderIsIgnoredButArrayOrderIsNot() throws Exception {
    JsonComparison exact = JsonComparison.exact();
    assertThat(exact.firstDifference(json("{'a':1,'b':[1,2]}"), json("{'b':[1,2],'a':1}"))).isNull();
    assertThat(exact.firstDifference(json("{'a':1,'b':[1,2]}"), json("{'a':1,'b':[2,1]}")))
        .isEqualTo("$.b[0]: expected 1 (integral) but was 2 (integral)");
  }

  @Test
  void integralAndFloatingNumbersNeverMatchAsDruidWritesThemDifferently() throws Exception {
    JsonComparison exact = JsonComparison.exact();
    assertThat(exact.firstDifference(json("{'x':3.0}"), json("{'x':3}")))
        .isEqualTo("$.x: expected 3.0 (floating) but was 3 (integral)");
    assertThat(exact.firstDifference(json("[3.0, 12345678901]"), json("[3.0, 12345678901]"))).isNull();
    assertThat(exact.firstDifference(json("[-0.0]"), json("[0.0]"))).isNotNull();
  }

  @Test
  void reportsMissingAndUnexpectedKeysNullsAndLengths() throws Exception {
    JsonComparison exact = JsonComparison.exact();
    assertThat(exact.differences(json("{'a':null,'b':1}"), json("{'a':0,'c':1}"), 10)).containsExactly(
        "$: keys differ, missing [b], unexpected [c]", "$.a: expected null but was 0 (integral)");
    assertThat(exact.firstDifference(json("[1]"), json("[1,2]")))
        .isEqualTo("$: expected 1 elements but was 2, first unexpected 2 (integral)");
    assertThat(exact.differences(json("[1,2,3]"), json("[4,5,6]"), 2)).hasSize(2);
  }

  @Test
  void toleranceAppliesToFloatingValuesOnly() throws Exception {
    JsonComparison loose = JsonComparison.withTolerance(1e-9);
    assertThat(loose.firstDifference(json("[0.30000000000000004]"), json("[0.3]"))).isNull();
    assertThat(loose.firstDifference(json("[0.31]"), json("[0.3]"))).isNotNull();
    assertThat(loose.firstDifference(json("[3]"), json("[3.0]"))).isNotNull();
  }

  @Test
  void treeWritesResultsAsTheServerWould() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("l", 5L);
    row.put("d", 5.0);
    row.put("n", null);
    JsonNode tree = JsonComparison.tree(List.of(row));
    assertThat(tree.get(0).get("l").isIntegralNumber()).isTrue();
    assertThat(tree.get(0).get("d").isFloatingPointNumber()).isTrue();
    assertThat(tree.get(0).get("n").isNull()).isTrue();
  }
}
