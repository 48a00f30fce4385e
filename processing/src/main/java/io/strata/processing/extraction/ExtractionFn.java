package io.strata.processing.extraction;

/**
 * A Druid extraction function ({@link io.strata.api.query.ExtractionFnSpec}, made by {@link ExtractionFns}): one
 * value to a string or null. Thread-safe.
 */
@FunctionalInterface
public interface ExtractionFn {
  /**
   * @param value a column's value: a String, a Number ({@code __time} and long columns give a Long), or null
   * @return the extracted value, or null
   */
  String apply(Object value);
}
