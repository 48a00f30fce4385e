package io.strata.input;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows built through shapes behave exactly as the LinkedHashMap the same puts would make — order, repeated names,
 * lookups, equality — also once the input has more field sequences than the builder remembers.
 */
class ShapedRowMapTest {
  private static final String[] NAMES = {"timestamp", "page", "user", "added", "a", "b", "c", "d", "e", "f", "g",
      "h", "i", "j", "k", "l"};

  @Test
  void behavesLikeALinkedHashMapForEveryKindOfRow() {
    Random random = new Random(17);
    ShapedRowMap.Builder builder = new ShapedRowMap.Builder();
    for (int row = 0; row < 40_000; row++) {
      // Early rows repeat a few layouts (as real input does); later ones are random subsets in random order, far
      // more sequences than the builder keeps.
      Random layout = row < 5_000 ? new Random(row % 3) : random;
      List<String> fields = new ArrayList<>();
      int n = layout.nextInt(NAMES.length + 1);
      for (int f = 0; f < n; f++) {
        fields.add(NAMES[layout.nextInt(NAMES.length)]); // repeats happen: a later value replaces an earlier one
      }
      Map<String, Object> expected = new LinkedHashMap<>();
      builder.start();
      for (String field : fields) {
        // Field names usually arrive as the same instance (Jackson interns them); sometimes as an equal copy.
        String name = random.nextInt(10) == 0 ? new String(field) : field;
        Object value = random.nextInt(8) == 0 ? null : (Object) random.nextInt(100);
        expected.put(name, value);
        builder.put(name, value);
        assertThat(builder.get(name)).isEqualTo(value);
        assertThat(builder.containsKey(name)).isTrue();
      }
      Map<String, Object> actual = builder.build();
      assertThat(actual).as("row %d", row).isEqualTo(expected);
      assertThat(expected).isEqualTo(actual);
      assertThat(actual.hashCode()).isEqualTo(expected.hashCode());
      assertThat(actual.toString()).isEqualTo(expected.toString());
      assertThat(new ArrayList<>(actual.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
      for (String name : NAMES) {
        assertThat(actual.get(name)).isEqualTo(expected.get(name));
        assertThat(actual.containsKey(name)).isEqualTo(expected.containsKey(name));
      }
      assertThat(actual.get("absent")).isNull();
    }
  }
}
