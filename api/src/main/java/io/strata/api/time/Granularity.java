package io.strata.api.time;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.strata.api.error.InvalidInputException;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * A way of cutting the time line into buckets: used for segment granularity, query granularity (timestamp
 * truncation at ingestion) and the {@code granularity} of queries.
 *
 * <p>JSON forms, as in Druid: a simple name ({@code "all"}, {@code "none"}, {@code "second"}, {@code "minute"},
 * {@code "five_minute"}, {@code "ten_minute"}, {@code "fifteen_minute"}, {@code "thirty_minute"}, {@code "hour"},
 * {@code "six_hour"}, {@code "eight_hour"}, {@code "day"}, {@code "week"}, {@code "month"}, {@code "quarter"},
 * {@code "year"}), or an object {@code {"type":"period","period":"PT1H","timeZone":"UTC","origin":...}},
 * {@code {"type":"duration","duration":3600000,"origin":...}}, {@code {"type":"all"}}, {@code {"type":"none"}}.
 */
@JsonSerialize(using = Granularity.Serializer.class)
@JsonDeserialize(using = Granularity.Deserializer.class)
public abstract sealed class Granularity permits Granularity.All, Granularity.None, Granularity.PeriodGranularity {

  public static final Granularity ALL = new All();
  public static final Granularity NONE = new None();

  private static final Map<String, String> SIMPLE = Map.ofEntries(
      Map.entry("SECOND", "PT1S"), Map.entry("MINUTE", "PT1M"), Map.entry("FIVE_MINUTE", "PT5M"),
      Map.entry("TEN_MINUTE", "PT10M"), Map.entry("FIFTEEN_MINUTE", "PT15M"), Map.entry("THIRTY_MINUTE", "PT30M"),
      Map.entry("HOUR", "PT1H"), Map.entry("SIX_HOUR", "PT6H"), Map.entry("EIGHT_HOUR", "PT8H"),
      Map.entry("DAY", "P1D"), Map.entry("WEEK", "P1W"), Map.entry("MONTH", "P1M"), Map.entry("QUARTER", "P3M"),
      Map.entry("YEAR", "P1Y"));

  /** The start of the bucket holding {@code t}. */
  public abstract long bucketStart(long t);

  /** The time zone buckets are placed in (and, for timeseries and groupBy, result timestamps printed in). */
  public ZoneId timeZone() {
    return ZoneOffset.UTC;
  }

  /** The start of the bucket after the one starting at {@code bucketStart}. */
  public abstract long next(long bucketStart);

  /** True if every instant is its own bucket ({@code none}). */
  public boolean isNone() {
    return false;
  }

  /** True if there is a single bucket for all time ({@code all}). */
  public boolean isAll() {
    return false;
  }

  /** The bucket's interval for the bucket holding {@code t}. */
  public Interval bucket(long t) {
    long s = bucketStart(t);
    return new Interval(s, next(s));
  }

  public static Granularity of(String name) {
    String upper = name.trim().toUpperCase(Locale.ROOT);
    switch (upper) {
      case "ALL":
        return ALL;
      case "NONE":
        return NONE;
      default:
        String period = SIMPLE.get(upper);
        if (period == null) {
          throw new InvalidInputException("granularity", "unknown granularity [" + name
              + "]; use one of all, none, second, minute, five_minute, ten_minute, fifteen_minute, thirty_minute, "
              + "hour, six_hour, eight_hour, day, week, month, quarter, year, or a {\"type\":\"period\"} object");
        }
        return new PeriodGranularity(period, null, ZoneOffset.UTC);
    }
  }

  public static PeriodGranularity period(String iso) {
    return new PeriodGranularity(iso, null, ZoneOffset.UTC);
  }

  /** One bucket for all time. */
  public static final class All extends Granularity {
    private All() {
    }

    @Override
    public long bucketStart(long t) {
      return Interval.ETERNITY.start();
    }

    @Override
    public long next(long bucketStart) {
      return Interval.ETERNITY.end();
    }

    @Override
    public boolean isAll() {
      return true;
    }

    @Override
    public String toString() {
      return "all";
    }
  }

  /** Millisecond buckets: timestamps are kept as they are. */
  public static final class None extends Granularity {
    private None() {
    }

    @Override
    public long bucketStart(long t) {
      return t;
    }

    @Override
    public long next(long bucketStart) {
      return bucketStart + 1;
    }

    @Override
    public boolean isNone() {
      return true;
    }

    @Override
    public String toString() {
      return "none";
    }
  }

  /**
   * Buckets of an ISO-8601 period in a time zone, aligned to {@code origin} if given, otherwise to the calendar
   * (weeks start on Monday, months on the 1st, quarters on Jan/Apr/Jul/Oct, sub-day periods on the epoch).
   */
  public static final class PeriodGranularity extends Granularity {
    private final Periods.ParsedPeriod period;
    private final Long origin;
    private final ZoneId zone;
    private final long fixedMillis; // > 0 when buckets can be computed with plain arithmetic
    private final long fixedOrigin;
    /** Where whole periods are counted from, or null to floor to the local calendar unit. */
    private final Long stepOrigin;

    public PeriodGranularity(String period, Long origin, ZoneId zone) {
      try {
        this.period = Periods.parse(period);
      } catch (RuntimeException e) {
        throw new InvalidInputException("period", e.getMessage());
      }
      this.origin = origin;
      this.zone = zone == null ? ZoneOffset.UTC : zone;
      // Druid's alignment: a period of one unit (P1D, PT1H, ...) without an origin floors to that unit of the local
      // calendar; any other (P2D, PT6H, P3M, PT1H30M, or one with an origin) counts whole periods from the origin,
      // by default 1970-01-01T00:00 local time (so PT6H in Los Angeles starts at 02:00, 08:00, ... UTC, not at each
      // local midnight).
      boolean oneUnit = isOneUnit(this.period);
      this.stepOrigin = origin != null ? origin : oneUnit ? null
          : java.time.LocalDateTime.of(1970, 1, 1, 0, 0).atZone(this.zone).toInstant().toEpochMilli();
      boolean utc = this.zone.equals(ZoneOffset.UTC) || this.zone.getId().equals("UTC");
      long fixed = 0;
      if (this.period.isFixedLength() && (utc || stepOrigin != null)) {
        fixed = this.period.fixedMillis(); // durations step the same in every zone
      } else if (utc && this.period.timePart().isZero() && this.period.datePart().getMonths() == 0
          && this.period.datePart().getYears() == 0 && this.period.datePart().getDays() > 0
          && (this.period.datePart().getDays() % 7 != 0 || stepOrigin != null)) {
        fixed = this.period.datePart().getDays() * 86_400_000L; // UTC days are all the same length
      }
      this.fixedMillis = fixed;
      this.fixedOrigin = stepOrigin == null ? 0 : stepOrigin;
    }

    /** True for a period of exactly one of one unit: P1Y, P1M, P1W, P1D, PT1H, PT1M, PT1S. */
    private static boolean isOneUnit(Periods.ParsedPeriod p) {
      var d = p.datePart();
      long millis = p.timePart().toMillis();
      int set = (d.getYears() != 0 ? 1 : 0) + (d.getMonths() != 0 ? 1 : 0) + (d.getDays() != 0 ? 1 : 0)
          + (millis != 0 ? 1 : 0);
      if (set != 1) {
        return false;
      }
      if (millis != 0) {
        return millis == 3_600_000L || millis == 60_000L || millis == 1_000L || millis == 1L;
      }
      return d.getYears() == 1 || d.getMonths() == 1 || d.getDays() == 1 || d.getDays() == 7;
    }

    public String periodText() {
      return period.text();
    }

    public Long origin() {
      return origin;
    }

    public ZoneId zone() {
      return zone;
    }

    @Override
    public ZoneId timeZone() {
      return zone;
    }

    /** The bucket length if it is the same for every bucket, else 0. */
    public long fixedMillis() {
      return fixedMillis;
    }

    @Override
    public long bucketStart(long t) {
      if (fixedMillis > 0) {
        return t - Math.floorMod(t - fixedOrigin, fixedMillis);
      }
      ZonedDateTime time = Instant.ofEpochMilli(t).atZone(zone);
      if (stepOrigin != null) {
        return bucketFromOrigin(time, stepOrigin);
      }
      return calendarTruncate(time).toInstant().toEpochMilli();
    }

    private long bucketFromOrigin(ZonedDateTime time, long originMillis) {
      ZonedDateTime o = Instant.ofEpochMilli(originMillis).atZone(zone);
      // Step from the origin; estimate the number of steps from the average period length first.
      long approx = Math.max(1, period.addTo(o, 1).toInstant().toEpochMilli() - originMillis);
      long steps = Math.floorDiv(time.toInstant().toEpochMilli() - originMillis, approx);
      ZonedDateTime b = period.addTo(o, (int) steps);
      while (b.isAfter(time)) {
        steps--;
        b = period.addTo(o, (int) steps);
      }
      while (!period.addTo(o, (int) steps + 1).isAfter(time)) {
        steps++;
        b = period.addTo(o, (int) steps);
      }
      return b.toInstant().toEpochMilli();
    }

    private ZonedDateTime calendarTruncate(ZonedDateTime t) {
      var p = period.datePart();
      var d = period.timePart();
      if (p.getYears() > 0 && p.getMonths() == 0) {
        int y = t.getYear() - Math.floorMod(t.getYear(), p.getYears());
        return t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1).withYear(y);
      }
      if (p.getMonths() > 0 || p.getYears() > 0) {
        int months = p.getYears() * 12 + p.getMonths();
        int m0 = t.getMonthValue() - 1;
        int m = m0 - Math.floorMod(m0, months);
        return t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).withMonth(m + 1);
      }
      if (p.getDays() % 7 == 0 && p.getDays() > 0) {
        ZonedDateTime day = t.truncatedTo(ChronoUnit.DAYS);
        return day.minusDays(day.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue());
      }
      if (p.getDays() > 0) {
        return t.truncatedTo(ChronoUnit.DAYS);
      }
      long ms = d.toMillis();
      ZonedDateTime day = t.truncatedTo(ChronoUnit.DAYS);
      long sinceMidnight = t.toInstant().toEpochMilli() - day.toInstant().toEpochMilli();
      return day.plusNanos((sinceMidnight - Math.floorMod(sinceMidnight, ms)) * 1_000_000L);
    }

    @Override
    public long next(long bucketStart) {
      if (fixedMillis > 0) {
        return bucketStart + fixedMillis;
      }
      return period.addTo(Instant.ofEpochMilli(bucketStart).atZone(zone), 1).toInstant().toEpochMilli();
    }

    /** The simple name of this granularity (for example "MINUTE") if it is one, else null. */
    public String simpleName() {
      if (origin != null || !(zone.equals(ZoneOffset.UTC) || zone.getId().equals("UTC"))) {
        return null;
      }
      for (Map.Entry<String, String> e : SIMPLE.entrySet()) {
        if (e.getValue().equalsIgnoreCase(period.text())) {
          return e.getKey();
        }
      }
      return null;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PeriodGranularity g && g.period.text().equalsIgnoreCase(period.text())
          && java.util.Objects.equals(g.origin, origin) && g.zone.normalized().equals(zone.normalized());
    }

    @Override
    public int hashCode() {
      return period.text().toUpperCase(Locale.ROOT).hashCode();
    }

    @Override
    public String toString() {
      String simple = simpleName();
      return simple != null ? simple.toLowerCase(Locale.ROOT) : "period " + period.text() + " " + zone;
    }
  }

  public static final class Serializer extends JsonSerializer<Granularity> {
    @Override
    public void serialize(Granularity g, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      if (g instanceof PeriodGranularity p) {
        String simple = p.simpleName();
        if (simple != null) {
          gen.writeString(simple);
          return;
        }
        gen.writeStartObject();
        gen.writeStringField("type", "period");
        gen.writeStringField("period", p.periodText());
        gen.writeStringField("timeZone", p.zone().getId().equals("Z") ? "UTC" : p.zone().getId());
        if (p.origin() == null) {
          gen.writeNullField("origin");
        } else {
          gen.writeStringField("origin", DateTimes.format(p.origin()));
        }
        gen.writeEndObject();
        return;
      }
      gen.writeStartObject();
      gen.writeStringField("type", g.toString());
      gen.writeEndObject();
    }
  }

  public static final class Deserializer extends JsonDeserializer<Granularity> {
    @Override
    public Granularity deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        return Granularity.of(p.getText());
      }
      JsonNode node = ctxt.readTree(p);
      return fromNode(node);
    }

    static Granularity fromNode(JsonNode node) {
      if (node == null || node.isNull()) {
        return null;
      }
      if (node.isTextual()) {
        return Granularity.of(node.asText());
      }
      if (!node.isObject() || !node.hasNonNull("type")) {
        throw new InvalidInputException("granularity",
            "granularity must be a name such as \"day\" or an object with a \"type\" (period, duration, all, none)");
      }
      String type = node.get("type").asText();
      ZoneId zone = ZoneOffset.UTC;
      if (node.hasNonNull("timeZone")) {
        try {
          zone = ZoneId.of(node.get("timeZone").asText());
        } catch (RuntimeException e) {
          throw new InvalidInputException("timeZone", "unknown time zone [" + node.get("timeZone").asText() + "]");
        }
      }
      Long origin = node.hasNonNull("origin") ? parseOrigin(node.get("origin")) : null;
      switch (type) {
        case "all":
          return ALL;
        case "none":
          return NONE;
        case "period":
          if (!node.hasNonNull("period")) {
            throw new InvalidInputException("period", "a period granularity needs a \"period\", for example \"PT1H\"");
          }
          return new PeriodGranularity(node.get("period").asText(), origin, zone);
        case "duration":
          if (!node.hasNonNull("duration") || node.get("duration").asLong() <= 0) {
            throw new InvalidInputException("duration",
                "a duration granularity needs a positive \"duration\" in milliseconds");
          }
          return new PeriodGranularity("PT" + (node.get("duration").asLong() / 1000.0) + "S",
              origin == null ? 0L : origin, ZoneOffset.UTC);
        default:
          return Granularity.of(type);
      }
    }

    private static long parseOrigin(JsonNode n) {
      return n.isNumber() ? n.asLong() : DateTimes.parseIsoOrMillis(n.asText());
    }
  }
}
