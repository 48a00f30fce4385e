package io.strata.query.exec;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LongSlotTableTest {
  @Test
  void directAndHashedTablesNumberKeysInOrderOfFirstSight() {
    for (int directLimit : new int[] {1 << 20, 16}) {
      LongSlotTable table = new LongSlotTable(1_000_000, directLimit);
      Map<Long, Integer> expected = new HashMap<>();
      Random random = new Random(7);
      for (int i = 0; i < 50_000; i++) {
        long key = random.nextInt(1_000_000);
        int slot = table.slotOf(key);
        Integer seen = expected.putIfAbsent(key, expected.size());
        assertThat(slot).isEqualTo(seen == null ? expected.size() - 1 : seen);
      }
      assertThat(table.size()).isEqualTo(expected.size());
    }
  }

  @Test
  void hashedTableHoldsLargeKeys() {
    LongSlotTable table = new LongSlotTable(Long.MAX_VALUE, 1024);
    assertThat(table.slotOf(Long.MAX_VALUE - 1)).isZero();
    assertThat(table.slotOf(0)).isEqualTo(1);
    assertThat(table.slotOf(Long.MAX_VALUE - 1)).isZero();
  }
}
