package io.strata.index;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * StringDictionary against a LinkedHashMap model and a plain sort by {@link String#compareTo}, on seeded random
 * values chosen to hit the table's and the order's edge cases: the empty string, shared prefixes, values that are
 * prefixes of others, NUL chars, chars above 0x7FFF (negative as signed 16-bit numbers), surrogate pairs, equal
 * hash codes, and enough values to grow the table many times.
 */
class StringDictionaryTest {
  private static final String[] WORDS = {"a", "ab", "abc", "b", "Main", "Page", "Talk", "talk", "Zürich", "東京",
      "Ñandú", "x\u0000", "\u0000", "\uFFFF", "\u8000a"};

  @Test
  void idsFollowFirstAppearanceAndLookupFindsEveryValue() {
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      StringDictionary dictionary = new StringDictionary();
      Map<String, Integer> expected = new LinkedHashMap<>();
      List<String> seen = new ArrayList<>();
      int draws = seed <= 5 ? 40_000 : 1 + random.nextInt(3_000);
      for (int i = 0; i < draws; i++) {
        String value = randomValue(random, seen);
        if (random.nextInt(50) == 0) {
          assertThat(dictionary.idOf(null)).isEqualTo(StringDictionary.NULL_ID);
          continue;
        }
        // A fresh copy, as a parser hands over: equal to the stored value, not the same object, no cached hash.
        int id = dictionary.idOf(new String(value.toCharArray()));
        Integer known = expected.putIfAbsent(value, expected.size() + 1);
        if (known == null) {
          seen.add(value);
        }
        long currentSeed = seed;
        assertThat(id).as(() -> "seed " + currentSeed + " value " + escape(value))
            .isEqualTo(known == null ? expected.size() : known);
        assertThat(dictionary.size()).isEqualTo(expected.size() + 1);
      }
      String[] values = dictionary.values();
      assertThat(values[StringDictionary.NULL_ID]).isNull();
      assertThat(Arrays.copyOfRange(values, 1, dictionary.size())).containsExactlyElementsOf(expected.keySet());
      for (Map.Entry<String, Integer> e : expected.entrySet()) {
        assertThat(dictionary.idOf(e.getKey())).isEqualTo(e.getValue());
        assertThat(dictionary.lookup(new String(e.getKey().toCharArray()), dictionary.size()))
            .as(() -> escape(e.getKey())).isEqualTo(e.getValue());
      }
      assertThat(dictionary.size()).as("lookups and repeated idOf add nothing").isEqualTo(expected.size() + 1);
      assertThat(dictionary.lookup(null, dictionary.size())).isEqualTo(StringDictionary.NULL_ID);
      for (int i = 0; i < 500; i++) {
        String candidate = randomValue(random, seen) + (i % 2 == 0 ? "\u0000" : "~absent");
        if (!expected.containsKey(candidate)) {
          assertThat(dictionary.lookup(candidate, dictionary.size())).isEqualTo(-1);
        }
      }
      assertOrder(dictionary, dictionary.size());
    }
  }

  @Test
  void valuesWithEqualHashCodesKeepTheirOwnIds() {
    // "Aa" and "BB" share a hash code, so every string of k such blocks has the same hash: 2^k equal hashes.
    List<String> colliding = new ArrayList<>(List.of(""));
    for (int k = 0; k < 11; k++) {
      List<String> longer = new ArrayList<>();
      for (String s : colliding) {
        longer.add(s + "Aa");
        longer.add(s + "BB");
      }
      colliding = longer;
    }
    int sharedHash = colliding.get(0).hashCode();
    assertThat(colliding).hasSize(2048).allMatch(s -> s.hashCode() == sharedHash);
    List<String> shuffled = new ArrayList<>(colliding);
    Collections.shuffle(shuffled, new Random(7));
    StringDictionary dictionary = new StringDictionary();
    for (int i = 0; i < shuffled.size(); i++) {
      assertThat(dictionary.idOf(shuffled.get(i))).isEqualTo(2 * i + 1);
      // Interleave values with other hashes, which land in (and probe through) the colliding run.
      assertThat(dictionary.idOf("other" + i)).isEqualTo(2 * i + 2);
    }
    for (int i = 0; i < shuffled.size(); i++) {
      assertThat(dictionary.idOf(new String(shuffled.get(i).toCharArray()))).isEqualTo(2 * i + 1);
      assertThat(dictionary.lookup(shuffled.get(i), dictionary.size())).isEqualTo(2 * i + 1);
    }
    assertThat(dictionary.size()).isEqualTo(2 * shuffled.size() + 1);
    // Same hash, different value: absent.
    assertThat(dictionary.lookup("Aa".repeat(12), dictionary.size())).isEqualTo(-1);
    assertOrder(dictionary, dictionary.size());
  }

  @Test
  void orderIsExtendedAsValuesArriveAndMatchesAFullSort() {
    for (long seed = 100; seed < 120; seed++) {
      Random random = new Random(seed);
      StringDictionary dictionary = new StringDictionary();
      List<String> seen = new ArrayList<>();
      int previousSize = 1;
      for (int round = 0; round < 12; round++) {
        int adds = random.nextInt(round % 4 == 0 ? 5_000 : 200);
        for (int i = 0; i < adds; i++) {
          String value = randomValue(random, seen);
          int before = dictionary.size();
          dictionary.idOf(value);
          if (dictionary.size() > before) {
            seen.add(value);
          }
        }
        int size = dictionary.size();
        // Readers pass a size they read earlier; sometimes an older one than the cached order's.
        int asOf = random.nextInt(4) == 0 ? 1 + random.nextInt(size) : size;
        assertOrder(dictionary, asOf);
        if (asOf < previousSize) {
          assertOrder(dictionary, previousSize);
        }
        assertOrder(dictionary, size);
        previousSize = size;
      }
    }
  }

  @Test
  void orderOfMoreValuesThanSixteenBitIds() {
    // Over 2^16 ids, many sharing long prefixes: the order is extended and merged over a large dictionary.
    Random random = new Random(11);
    StringDictionary dictionary = new StringDictionary();
    List<String> seen = new ArrayList<>();
    while (dictionary.size() < 70_000) {
      String value = switch (random.nextInt(3)) {
        case 0 -> "User:" + random.nextInt(40_000);
        case 1 -> "Us" + (char) random.nextInt(0x10000) + random.nextInt(100);
        default -> randomValue(random, seen);
      };
      int before = dictionary.size();
      dictionary.idOf(value);
      if (dictionary.size() > before) {
        seen.add(value);
      }
    }
    assertOrder(dictionary, 40_000);
    assertOrder(dictionary, dictionary.size());
  }

  @Test
  void orderOfAnEmptyOrTinyDictionary() {
    StringDictionary dictionary = new StringDictionary();
    assertThat(dictionary.order(1, dictionary.values()).sortedIds()).containsExactly(StringDictionary.NULL_ID);
    assertThat(dictionary.lookup("a", 1)).isEqualTo(-1);
    dictionary.idOf("b");
    dictionary.idOf("");
    dictionary.idOf("a");
    assertOrder(dictionary, 2);
    assertOrder(dictionary, 4);
    assertThat(dictionary.order(4, dictionary.values()).sortedIds()).containsExactly(0, 2, 3, 1);
    assertThat(dictionary.lookup("a", 3)).isEqualTo(-1);
    assertThat(dictionary.lookup("a", 4)).isEqualTo(3);
  }

  @Test
  void memoryEstimateGrowsWithValues() {
    StringDictionary dictionary = new StringDictionary();
    long previous = dictionary.estimatedBytes();
    assertThat(previous).isPositive();
    for (int i = 0; i < 10_000; i++) {
      dictionary.idOf("value" + i);
      long now = dictionary.estimatedBytes();
      assertThat(now).isGreaterThan(previous);
      previous = now;
    }
    // At least the characters and one table slot per value.
    assertThat(previous).isGreaterThan(10_000L * (2 * 9 + 8));
  }

  /** The dictionary's order of the first {@code size} ids equals a full sort by compareTo, null first. */
  private static void assertOrder(StringDictionary dictionary, int size) {
    String[] values = dictionary.values();
    StringDictionary.SortedOrder order = dictionary.order(size, values);
    Integer[] expected = new Integer[size - 1];
    for (int id = 1; id < size; id++) {
      expected[id - 1] = id;
    }
    Arrays.sort(expected, Comparator.comparing(id -> values[id]));
    int[] expectedIds = new int[size];
    for (int r = 1; r < size; r++) {
      expectedIds[r] = expected[r - 1];
    }
    assertThat(order.size()).isEqualTo(size);
    assertThat(order.sortedIds()).as("order of %d ids", size).isEqualTo(expectedIds);
    int[] expectedRank = new int[size];
    for (int r = 0; r < size; r++) {
      expectedRank[expectedIds[r]] = r;
    }
    assertThat(order.rank()).as("rank of %d ids", size).isEqualTo(expectedRank);
  }

  /**
   * A value of one of many shapes; with some probability a variation of a value drawn before (a prefix of it, or
   * it extended), so that prefixes of other values, shared prefixes and near-duplicates are common.
   */
  private static String randomValue(Random random, List<String> seen) {
    if (!seen.isEmpty() && random.nextInt(4) == 0) {
      String base = seen.get(random.nextInt(seen.size()));
      return switch (random.nextInt(4)) {
        case 0 -> base; // a repeat
        case 1 -> base.substring(0, random.nextInt(base.length() + 1)); // a prefix of it
        case 2 -> base + randomChar(random);
        default -> base + WORDS[random.nextInt(WORDS.length)];
      };
    }
    return switch (random.nextInt(10)) {
      case 0 -> "";
      case 1 -> "Talk:" + word(random);
      case 2 -> "User:" + word(random);
      case 3 -> "User talk:" + word(random);
      case 4 -> chars(random, 0x4E00, 0x9FFF, 1 + random.nextInt(6)); // CJK, partly above 0x7FFF
      case 5 -> new String(Character.toChars(0x1F600 + random.nextInt(16))) + word(random); // surrogate pairs
      case 6 -> collidingBlocks(random) + (random.nextBoolean() ? "" : word(random));
      case 7 -> chars(random, 0, 3, random.nextInt(7)); // NUL and other low chars, short
      case 8 -> word(random) + randomChar(random) + word(random);
      default -> chars(random, 'a', 'c', random.nextInt(8)); // tiny alphabet: many values are prefixes of others
    };
  }

  private static String word(Random random) {
    return WORDS[random.nextInt(WORDS.length)] + (random.nextBoolean() ? "" : Integer.toString(random.nextInt(500)));
  }

  /** Blocks of "Aa" and "BB": strings of equally many blocks share one hash code. */
  private static String collidingBlocks(Random random) {
    StringBuilder s = new StringBuilder();
    int blocks = 1 + random.nextInt(6);
    for (int i = 0; i < blocks; i++) {
      s.append(random.nextBoolean() ? "Aa" : "BB");
    }
    return s.toString();
  }

  private static char randomChar(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> '\u0000';
      case 1 -> (char) ('a' + random.nextInt(26));
      case 2 -> (char) (0x8000 + random.nextInt(0x8000)); // above 0x7FFF, surrogate halves included
      default -> (char) random.nextInt(0x10000);
    };
  }

  private static String chars(Random random, int lowest, int highest, int length) {
    char[] c = new char[length];
    for (int i = 0; i < length; i++) {
      c[i] = (char) (lowest + random.nextInt(highest - lowest + 1));
    }
    return new String(c);
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      b.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04X", (int) c));
    }
    return b.append('"').toString();
  }
}
