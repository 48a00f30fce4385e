package io.strata.processing.postagg;

import io.strata.api.exec.PostAggregator;
import io.strata.processing.util.Numbers;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code doubleGreatest}, {@code doubleLeast}, {@code longGreatest}, {@code longLeast}: the greatest or least of
 * the fields' values in one row (where {@code doubleMax} is the greatest of one column over rows). Null inputs are
 * skipped, as SQL's GREATEST/LEAST skip them in Druid; all null gives null. The long variants cast each value to a
 * long first; the result is a Long or a Double.
 */
final class ExtremumPostAggregator implements PostAggregator {
  private final String name;
  private final PostAggregator[] fields;
  private final boolean greatest;
  private final boolean longs;
  private final Set<String> dependentFields;

  ExtremumPostAggregator(String name, List<PostAggregator> fields, boolean greatest, boolean longs) {
    this.name = name;
    this.fields = fields.toArray(new PostAggregator[0]);
    this.greatest = greatest;
    this.longs = longs;
    this.dependentFields = PostAggregators.dependentFieldsOf(fields);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<String> dependentFields() {
    return dependentFields;
  }

  @Override
  public Object compute(Map<String, Object> row) {
    boolean any = false;
    long bestLong = 0;
    double bestDouble = 0;
    for (PostAggregator f : fields) {
      Number n = Numbers.asNumber(f.compute(row));
      if (n == null) {
        continue;
      }
      if (longs) {
        long v = n.longValue();
        if (!any || (greatest ? v > bestLong : v < bestLong)) {
          bestLong = v;
        }
      } else {
        double v = n.doubleValue();
        // NaN wins, as Math.max/min let it.
        bestDouble = !any ? v : greatest ? Math.max(bestDouble, v) : Math.min(bestDouble, v);
      }
      any = true;
    }
    if (!any) {
      return null;
    }
    return longs ? (Object) bestLong : (Object) bestDouble;
  }

  @Override
  public Comparator<Object> comparator() {
    return ValueComparators.NATURAL_NULLS_FIRST;
  }

  @Override
  public String toString() {
    return (longs ? "long" : "double") + (greatest ? "Greatest(" : "Least(") + name + " = " + List.of(fields) + ")";
  }
}
