package io.strata.index;

import java.util.List;

/**
 * What {@link IncrementalIndex#add} did with one input row. Immutable.
 *
 * @param numRows     rows in the index after the add (with rollup, unchanged when the row was folded into an
 *                    existing row)
 * @param parseErrors problems with the row's values, one message each (unparseable numeric dimension values and
 *                    metric inputs, which were stored as null); empty when the row was clean. A non-empty list
 *                    means the row counts as "processedWithError": it was still added.
 */
public record AddResult(int numRows, List<String> parseErrors) {
  public AddResult {
    parseErrors = List.copyOf(parseErrors);
  }

  public boolean hasParseErrors() {
    return !parseErrors.isEmpty();
  }
}
