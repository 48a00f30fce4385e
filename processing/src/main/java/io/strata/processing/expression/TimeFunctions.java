package io.strata.processing.expression;

import io.strata.api.time.DateTimes;
import io.strata.api.time.Granularity;
import io.strata.api.time.Periods;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.List;
import java.util.Locale;

import static io.strata.processing.expression.Functions.define;

/**
 * Time functions over epoch-millisecond longs. Time zones are names ({@code America/Los_Angeles}) or offsets
 * ({@code -08:00}); UTC by default. Patterns use java.time's pattern letters, which agree with Joda's for the
 * common ones ({@code yyyy MM dd HH mm ss SSS}). A timestamp argument may be a number of millis or ISO-8601 text.
 */
final class TimeFunctions {
  private TimeFunctions() {
  }

  static void register() {
    define("timestamp_floor", 2, 4, "timestamp_floor(expr, period[, origin[, timezone]])",
        args -> floorOrCeil(args, false));
    define("timestamp_ceil", 2, 4, "timestamp_ceil(expr, period[, origin[, timezone]])",
        args -> floorOrCeil(args, true));
    define("timestamp_shift", 3, 4, "timestamp_shift(expr, period, step[, timezone])", TimeFunctions::shift);
    define("timestamp_extract", 2, 3, "timestamp_extract(expr, unit[, timezone])", TimeFunctions::extract);
    define("timestamp_parse", 1, 3, "timestamp_parse(string[, pattern[, timezone]])", args -> parse(args, false));
    define("timestamp", 1, 2, "timestamp(string[, pattern])", args -> parse(args, false));
    define("unix_timestamp", 1, 2, "unix_timestamp(string[, pattern])", args -> parse(args, true));
    define("timestamp_format", 1, 3, "timestamp_format(expr[, pattern[, timezone]])", TimeFunctions::format);
  }

  /** A timestamp argument in millis: numbers as they are, text as millis or ISO-8601; otherwise null. */
  static Long millis(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    String s = Evals.asString(v);
    Long l = Evals.asLong(s);
    if (l != null) {
      return l;
    }
    try {
      return DateTimes.parseIso(s);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static ZoneId zone(Object tz) {
    if (tz == null) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(Evals.asString(tz));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("unknown time zone [" + tz + "]");
    }
  }

  private static Expr floorOrCeil(List<Expr> args, boolean ceil) {
    Expr ts = args.get(0);
    Expr period = args.get(1);
    Expr origin = args.size() > 2 ? args.get(2) : new Expr.Literal(null);
    Expr tz = args.size() > 3 ? args.get(3) : new Expr.Literal(null);
    Expr key = b -> List.of(String.valueOf(period.eval(b)), String.valueOf(millis(origin.eval(b))),
        String.valueOf(tz.eval(b)));
    boolean literal = period instanceof Expr.Literal && origin instanceof Expr.Literal && tz instanceof Expr.Literal;
    var granularity = Functions.prepared(literal ? new Expr.Literal(key.eval(Operators.NO_BINDING)) : key, k -> {
      List<?> parts = (List<?>) k;
      String p = (String) parts.get(0);
      String o = (String) parts.get(1);
      String z = (String) parts.get(2);
      try {
        return new Granularity.PeriodGranularity(p, "null".equals(o) ? null : Long.valueOf(o),
            "null".equals(z) ? ZoneOffset.UTC : zone(z));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("invalid period [" + p + "]: " + e.getMessage());
      }
    });
    return b -> {
      Long t = millis(ts.eval(b));
      if (t == null) {
        return null;
      }
      Granularity g = granularity.apply(b);
      long start = g.bucketStart(t);
      return ceil && start != t ? g.next(start) : start;
    };
  }

  private static Expr shift(List<Expr> args) {
    Expr ts = args.get(0);
    Expr step = args.get(2);
    Expr tzArg = args.size() > 3 ? args.get(3) : new Expr.Literal(null);
    var period = Functions.prepared(args.get(1), p -> {
      try {
        return Periods.parse(Evals.asString(p));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("invalid period [" + p + "]: " + e.getMessage());
      }
    });
    var tz = Functions.prepared(tzArg, TimeFunctions::zone);
    return b -> {
      Long t = millis(ts.eval(b));
      Integer k = Evals.asInt(step.eval(b));
      if (t == null || k == null) {
        return null;
      }
      return period.apply(b).addTo(Instant.ofEpochMilli(t).atZone(tz.apply(b)), k).toInstant().toEpochMilli();
    };
  }

  private static Expr extract(List<Expr> args) {
    Object unitLit = Functions.literal(args.get(1));
    if (!(unitLit instanceof String unit)) {
      throw new IllegalArgumentException("timestamp_extract needs a literal unit such as 'HOUR'");
    }
    String u = unit.trim().toUpperCase(Locale.ROOT);
    if (!List.of("EPOCH", "MILLISECOND", "SECOND", "MINUTE", "HOUR", "DAY", "DOW", "ISODOW", "DOY", "WEEK", "MONTH",
        "QUARTER", "YEAR", "ISOYEAR", "DECADE", "CENTURY", "MILLENNIUM").contains(u)) {
      throw new IllegalArgumentException("unknown timestamp_extract unit [" + unit + "]; use EPOCH, MILLISECOND, "
          + "SECOND, MINUTE, HOUR, DAY, DOW, ISODOW, DOY, WEEK, MONTH, QUARTER, YEAR, ISOYEAR, DECADE, CENTURY or "
          + "MILLENNIUM");
    }
    Expr ts = args.get(0);
    var tz = Functions.prepared(args.size() > 2 ? args.get(2) : new Expr.Literal(null), TimeFunctions::zone);
    return b -> {
      Long t = millis(ts.eval(b));
      if (t == null) {
        return null;
      }
      if (u.equals("EPOCH")) {
        return Math.floorDiv(t, 1000L);
      }
      ZonedDateTime d = Instant.ofEpochMilli(t).atZone(tz.apply(b));
      return (long) switch (u) {
        case "MILLISECOND" -> d.get(ChronoField.MILLI_OF_SECOND);
        case "SECOND" -> d.getSecond();
        case "MINUTE" -> d.getMinute();
        case "HOUR" -> d.getHour();
        case "DAY" -> d.getDayOfMonth();
        case "DOW", "ISODOW" -> d.getDayOfWeek().getValue();
        case "DOY" -> d.getDayOfYear();
        case "WEEK" -> d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        case "MONTH" -> d.getMonthValue();
        case "QUARTER" -> (d.getMonthValue() - 1) / 3 + 1;
        case "YEAR" -> d.getYear();
        case "ISOYEAR" -> d.get(IsoFields.WEEK_BASED_YEAR);
        case "DECADE" -> d.getYear() / 10;
        case "CENTURY" -> d.getYear() / 100;
        case "MILLENNIUM" -> d.getYear() / 1000;
        default -> throw new IllegalStateException(u);
      };
    };
  }

  private static Expr parse(List<Expr> args, boolean seconds) {
    Expr s = args.get(0);
    var formatter = Functions.prepared(args.size() > 1 ? args.get(1) : new Expr.Literal(null),
        p -> p == null ? null : pattern(Evals.asString(p)));
    var tz = Functions.prepared(args.size() > 2 ? args.get(2) : new Expr.Literal(null), TimeFunctions::zone);
    return b -> {
      Object v = s.eval(b);
      if (v == null) {
        return null;
      }
      String text = Evals.asString(v).trim();
      DateTimeFormatter f = formatter.apply(b);
      Long t = f == null ? parseIsoOrSql(text, tz.apply(b)) : parseWith(f, text, tz.apply(b));
      return t == null ? null : seconds ? (Object) Math.floorDiv(t, 1000L) : t;
    };
  }

  private static DateTimeFormatter pattern(String p) {
    try {
      return DateTimeFormatter.ofPattern(p, Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid time pattern [" + p + "]: " + e.getMessage());
    }
  }

  /** ISO-8601 or SQL ({@code 2000-01-02 03:04:05}); a value without an offset is in {@code zone}. */
  private static Long parseIsoOrSql(String text, ZoneId zone) {
    try {
      long utc = DateTimes.parseIso(text);
      if (zone.equals(ZoneOffset.UTC) || hasOffset(text)) {
        return utc;
      }
      return Instant.ofEpochMilli(utc).atOffset(ZoneOffset.UTC).toLocalDateTime().atZone(zone).toInstant()
          .toEpochMilli();
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static boolean hasOffset(String text) {
    int t = Math.max(text.indexOf('T'), text.indexOf(' '));
    if (t < 0) {
      return false;
    }
    String time = text.substring(t + 1);
    return time.endsWith("Z") || time.endsWith("z") || time.indexOf('+') >= 0 || time.indexOf('-') >= 0;
  }

  private static Long parseWith(DateTimeFormatter f, String text, ZoneId zone) {
    try {
      TemporalAccessor a = f.parse(text);
      LocalDate date = a.query(TemporalQueries.localDate());
      if (date == null) {
        int year = a.isSupported(ChronoField.YEAR) ? a.get(ChronoField.YEAR)
            : a.isSupported(ChronoField.YEAR_OF_ERA) ? a.get(ChronoField.YEAR_OF_ERA) : 1970;
        int month = a.isSupported(ChronoField.MONTH_OF_YEAR) ? a.get(ChronoField.MONTH_OF_YEAR) : 1;
        int day = a.isSupported(ChronoField.DAY_OF_MONTH) ? a.get(ChronoField.DAY_OF_MONTH) : 1;
        date = LocalDate.of(year, month, day);
      }
      LocalTime time = a.query(TemporalQueries.localTime());
      if (time == null) {
        time = LocalTime.MIDNIGHT;
      }
      ZoneId z = a.query(TemporalQueries.zone());
      return date.atTime(time).atZone(z != null ? z : zone).toInstant().toEpochMilli();
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static Expr format(List<Expr> args) {
    Expr ts = args.get(0);
    var formatter = Functions.prepared(args.size() > 1 ? args.get(1) : new Expr.Literal(null),
        p -> p == null ? null : pattern(Evals.asString(p)));
    Expr tzArg = args.size() > 2 ? args.get(2) : new Expr.Literal(null);
    var tz = Functions.prepared(tzArg, TimeFunctions::zone);
    DateTimeFormatter iso = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT);
    return b -> {
      Long t = millis(ts.eval(b));
      if (t == null) {
        return null;
      }
      DateTimeFormatter f = formatter.apply(b);
      ZoneId z = tz.apply(b);
      if (f == null) {
        return z.equals(ZoneOffset.UTC) ? DateTimes.format(t) : iso.format(Instant.ofEpochMilli(t).atZone(z));
      }
      return f.format(Instant.ofEpochMilli(t).atZone(z));
    };
  }
}
