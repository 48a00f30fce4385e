package io.strata.api.query;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.error.InvalidInputException;

import java.util.Map;

/**
 * How topN ranks values: {@code "edits"} (numeric, descending), {@code {"type":"numeric","metric":"edits"}},
 * {@code {"type":"inverted","metric":...}} (reverse of the inner ordering), {@code {"type":"dimension",
 * "ordering":"lexicographic","previousStop":...}} (or the legacy type names {@code lexicographic} and
 * {@code alphaNumeric}).
 *
 * @param type     numeric, inverted or dimension
 * @param metric   for numeric: the aggregator or post-aggregator; for inverted: the inner spec
 * @param ordering for dimension: lexicographic, alphanumeric, numeric, strlen or version
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TopNMetricSpec(@JsonProperty("type") String type, @JsonProperty("metric") Object metric,
                             @JsonProperty("ordering") String ordering,
                             @JsonProperty("previousStop") String previousStop) {

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static TopNMetricSpec ofName(String metric) {
    return new TopNMetricSpec("numeric", metric, null, null);
  }

  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public static TopNMetricSpec create(@JsonProperty("type") String type, @JsonProperty("metric") Object metric,
                                      @JsonProperty("ordering") String ordering,
                                      @JsonProperty("previousStop") String previousStop) {
    String t = Specs.required(type, "type", "numeric, inverted or dimension");
    switch (t) {
      case "numeric":
        if (!(metric instanceof String)) {
          throw new InvalidInputException("metric", "numeric topN metric needs \"metric\": the aggregator to rank by");
        }
        return new TopNMetricSpec(t, metric, null, null);
      case "inverted":
        Specs.required(metric, "metric", "the metric spec to invert");
        return new TopNMetricSpec(t, metric, null, null);
      case "dimension":
        Specs.checkOrdering(ordering, "ordering");
        return new TopNMetricSpec(t, null, Specs.orDefault(ordering, "lexicographic"), previousStop);
      case "lexicographic":
        return new TopNMetricSpec("dimension", null, "lexicographic", previousStop);
      case "alphaNumeric":
        return new TopNMetricSpec("dimension", null, "alphanumeric", previousStop);
      default:
        throw new InvalidInputException("metric", "unknown topN metric type [" + t
            + "]; use numeric, inverted or dimension");
    }
  }

  /** The inner spec of an inverted metric, parsed from its JSON form. */
  public TopNMetricSpec invertedInner() {
    if (metric instanceof String s) {
      return ofName(s);
    }
    if (metric instanceof Map<?, ?> m) {
      Object inner = m.get("metric");
      Object ord = m.get("ordering");
      Object prev = m.get("previousStop");
      return create(String.valueOf(m.get("type")), inner, ord == null ? null : ord.toString(),
          prev == null ? null : prev.toString());
    }
    if (metric instanceof TopNMetricSpec t) {
      return t;
    }
    throw new InvalidInputException("metric", "cannot read inverted topN metric [" + metric + "]");
  }
}
