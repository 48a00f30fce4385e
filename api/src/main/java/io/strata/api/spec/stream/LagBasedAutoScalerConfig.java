package io.strata.api.spec.stream;

import io.strata.api.error.InvalidInputException;

import java.util.Map;
import java.util.Set;

/**
 * The {@code autoScalerConfig} of a streaming supervisor with {@code enableTaskAutoScaler: true}, Druid's lag-based
 * strategy with Druid's defaults: every {@code lagCollectionIntervalMillis} the supervisor samples the aggregate lag
 * ({@code lagAggregate} of the partitions' lags) and keeps the samples of the last {@code lagCollectionRangeMillis};
 * every {@code scaleActionPeriodMillis} (from {@code scaleActionStartDelayMillis} on) it scales out by
 * {@code scaleOutStep} tasks (at most {@code taskCountMax}, and no more tasks than partitions) when at least
 * {@code triggerScaleOutFractionThreshold} of the samples exceed {@code scaleOutThreshold}, or in by
 * {@code scaleInStep} (at least {@code taskCountMin}) when at least {@code triggerScaleInFractionThreshold} of them
 * are below {@code scaleInThreshold}; at most one action per {@code minTriggerScaleActionFrequencyMillis}. The
 * supervisor starts with {@code taskCountStart}, else {@code taskCountMin}; {@code ioConfig.taskCount} is then
 * ignored, as in Druid.
 */
public record LagBasedAutoScalerConfig(int taskCountMin, int taskCountMax, int taskCountStart,
                                       long minTriggerScaleActionFrequencyMillis, long lagCollectionIntervalMillis,
                                       long lagCollectionRangeMillis, long scaleActionStartDelayMillis,
                                       long scaleActionPeriodMillis, long scaleOutThreshold,
                                       double triggerScaleOutFractionThreshold, long scaleInThreshold,
                                       double triggerScaleInFractionThreshold, int scaleInStep, int scaleOutStep,
                                       String lagAggregate) {

  private static final Set<String> FIELDS = Set.of("enableTaskAutoScaler", "autoScalerStrategy", "taskCountMin",
      "taskCountMax", "taskCountStart", "minTriggerScaleActionFrequencyMillis", "lagCollectionIntervalMillis",
      "lagCollectionRangeMillis", "scaleActionStartDelayMillis", "scaleActionPeriodMillis", "scaleOutThreshold",
      "triggerScaleOutFractionThreshold", "scaleInThreshold", "triggerScaleInFractionThreshold", "scaleInStep",
      "scaleOutStep", "lagAggregate");

  /** The config an enabled {@code autoScalerConfig} map describes; null when the auto-scaler is not enabled. */
  public static LagBasedAutoScalerConfig parse(Map<String, Object> map) {
    if (map == null || !Boolean.TRUE.equals(bool(map, "enableTaskAutoScaler"))) {
      return null;
    }
    for (String key : map.keySet()) {
      if (!FIELDS.contains(key)) {
        throw invalid(key, "is not a field of the lagBased auto-scaler");
      }
    }
    Object strategy = map.get("autoScalerStrategy");
    if (strategy != null && !"lagBased".equals(strategy)) {
      throw invalid("autoScalerStrategy", "[" + strategy + "] is not supported; the strategy is lagBased");
    }
    Integer min = integer(map, "taskCountMin");
    Integer max = integer(map, "taskCountMax");
    if (min == null || max == null) {
      throw invalid(min == null ? "taskCountMin" : "taskCountMax", "is required when enableTaskAutoScaler is true");
    }
    if (min < 1 || max < min) {
      throw invalid("taskCountMax", "taskCountMin [" + min + "] must be at least 1 and at most taskCountMax [" + max
          + "]");
    }
    Integer start = integer(map, "taskCountStart");
    if (start != null && (start < min || start > max)) {
      throw invalid("taskCountStart", "[" + start + "] must lie between taskCountMin and taskCountMax");
    }
    String aggregate = map.get("lagAggregate") == null ? "SUM" : String.valueOf(map.get("lagAggregate"));
    if (!Set.of("SUM", "MAX", "AVERAGE").contains(aggregate)) {
      throw invalid("lagAggregate", "[" + aggregate + "] is not one of SUM, MAX, AVERAGE");
    }
    LagBasedAutoScalerConfig c = new LagBasedAutoScalerConfig(min, max, start == null ? min : start,
        longOr(map, "minTriggerScaleActionFrequencyMillis", 600_000), longOr(map, "lagCollectionIntervalMillis", 30_000),
        longOr(map, "lagCollectionRangeMillis", 600_000), longOr(map, "scaleActionStartDelayMillis", 300_000),
        longOr(map, "scaleActionPeriodMillis", 60_000), longOr(map, "scaleOutThreshold", 6_000_000),
        doubleOr(map, "triggerScaleOutFractionThreshold", 0.3), longOr(map, "scaleInThreshold", 1_000_000),
        doubleOr(map, "triggerScaleInFractionThreshold", 0.9), (int) longOr(map, "scaleInStep", 1),
        (int) longOr(map, "scaleOutStep", 2), aggregate);
    if (c.lagCollectionIntervalMillis < 1 || c.lagCollectionRangeMillis < c.lagCollectionIntervalMillis) {
      throw invalid("lagCollectionRangeMillis", "must be at least lagCollectionIntervalMillis, which must be positive");
    }
    if (c.scaleActionPeriodMillis < 1 || c.scaleActionStartDelayMillis < 0 || c.minTriggerScaleActionFrequencyMillis < 0) {
      throw invalid("scaleActionPeriodMillis", "periods must be positive and delays not negative");
    }
    if (c.scaleInStep < 1 || c.scaleOutStep < 1) {
      throw invalid(c.scaleInStep < 1 ? "scaleInStep" : "scaleOutStep", "must be at least 1");
    }
    return c;
  }

  /** Samples kept: one per collection interval over the collection range. */
  public int samples() {
    return (int) Math.max(1, lagCollectionRangeMillis / lagCollectionIntervalMillis);
  }

  private static InvalidInputException invalid(String field, String what) {
    return new InvalidInputException("autoScalerConfig." + field, "Invalid value for field [autoScalerConfig."
        + field + "]: " + what);
  }

  private static Boolean bool(Map<String, Object> map, String key) {
    Object v = map.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s && (s.equals("true") || s.equals("false"))) {
      return Boolean.parseBoolean(s);
    }
    throw invalid(key, "[" + v + "] is not true or false");
  }

  private static Integer integer(Map<String, Object> map, String key) {
    Object v = map.get(key);
    return v == null ? null : (int) number(key, v);
  }

  private static long longOr(Map<String, Object> map, String key, long dflt) {
    Object v = map.get(key);
    return v == null ? dflt : number(key, v);
  }

  private static long number(String key, Object v) {
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.longValue();
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        // falls through to the error
      }
    }
    throw invalid(key, "[" + v + "] is not a whole number");
  }

  private static double doubleOr(Map<String, Object> map, String key, double dflt) {
    Object v = map.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw invalid(key, "[" + v + "] is not a number");
  }
}
