package io.strata.testkit.duel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The fixed-length UTC granularities the duel uses, computed independently of Strata's {@code Granularity}:
 * {@code all}, {@code none}, {@code minute}, {@code fifteen_minute}, {@code hour}, {@code day} and period
 * granularities {@code PTnH} (buckets aligned to the epoch, Druid's default origin).
 *
 * @param millis bucket length; 0 for {@code all}, 1 for {@code none}
 */
public record Buckets(String name, long millis) {
  public static final Buckets ALL = new Buckets("all", 0);

  /** A granularity as a query or granularitySpec writes it: a name or {@code {"type":"period","period":...}}. */
  public static Buckets of(JsonNode spec) {
    if (spec.isObject()) {
      String period = spec.path("period").asText();
      if (!spec.path("type").asText().equals("period") || spec.has("origin") || spec.has("timeZone")) {
        throw new NaiveEvaluator.NotModelled("granularity " + spec);
      }
      if (!period.matches("PT\\d+H")) {
        throw new NaiveEvaluator.NotModelled("granularity " + spec);
      }
      return new Buckets(period, Long.parseLong(period.substring(2, period.length() - 1)) * 3_600_000L);
    }
    return of(spec.asText());
  }

  public static Buckets of(String name) {
    return switch (name) {
      case "all" -> ALL;
      case "none" -> new Buckets(name, 1);
      case "minute" -> new Buckets(name, 60_000L);
      case "fifteen_minute" -> new Buckets(name, 900_000L);
      case "hour" -> new Buckets(name, 3_600_000L);
      case "day" -> new Buckets(name, 86_400_000L);
      default -> throw new NaiveEvaluator.NotModelled("granularity " + name);
    };
  }

  public boolean isAll() {
    return millis == 0;
  }

  public long start(long t) {
    return Math.floorDiv(t, millis) * millis;
  }

  public long next(long bucketStart) {
    return bucketStart + millis;
  }

  /** The JSON a query writes for this granularity. */
  public JsonNode toJson() {
    if (name.startsWith("PT")) {
      return JsonNodeFactory.instance.objectNode().put("type", "period").put("period", name);
    }
    return JsonNodeFactory.instance.textNode(name);
  }
}
