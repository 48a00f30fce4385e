package io.strata.segment.read;

/** Reading strings as numbers, for the rare query that aggregates a string column. */
final class Numbers {
  private Numbers() {
  }

  /** The number in {@code s}, or null if {@code s} is null or not a number. */
  static Double parse(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
