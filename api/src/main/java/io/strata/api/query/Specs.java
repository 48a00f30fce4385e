package io.strata.api.query;

import io.strata.api.error.InvalidInputException;

import java.util.List;
import java.util.Map;

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

  public static <T> T orDefault(T value, T dflt) {
    return value == null ? dflt : value;
  }
}
