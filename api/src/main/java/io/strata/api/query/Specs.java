package io.strata.api.query;

import io.strata.api.error.InvalidInputException;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Small checks shared by the JSON records' constructors, so every refusal names its field the same way. */
public final class Specs {
  private Specs() {
  }

  public static <T> T required(T value, String field, String what) {
    if (value == null || (value instanceof String s && s.isEmpty())) {
      throw new InvalidInputException(field, "Missing required field [" + field + "]" + (what == null ? "" : ": " + what));
    }
    return value;
  }

  public static <T> List<T> listOrEmpty(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  public static <K, V> Map<K, V> mapOrEmpty(Map<K, V> map) {
    return map == null ? Map.of() : map;
  }

  /** The string orderings Strata implements (Druid's names). */
  public static final Set<String> ORDERINGS = Set.of("lexicographic", "alphanumeric", "numeric",
      "strlen", "version");

  /**
   * Checks an ordering name (case-insensitive); null is lexicographic.
   *
   * @throws InvalidInputException naming {@code field} for an unknown ordering
   */
  public static void checkOrdering(String ordering, String field) {
    if (ordering != null && !ORDERINGS.contains(ordering.trim().toLowerCase(Locale.ROOT))) {
      throw new InvalidInputException(field, "Unknown string comparator [" + ordering + "] for field [" + field
          + "]; use one of lexicographic, alphanumeric, numeric, strlen, version");
    }
  }

  public static <T> T orDefault(T value, T dflt) {
    return value == null ? dflt : value;
  }
}
