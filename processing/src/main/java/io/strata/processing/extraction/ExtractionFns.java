package io.strata.processing.extraction;

import io.strata.api.error.InvalidInputException;
import io.strata.api.query.ExtractionFnSpec;
import io.strata.api.time.DateTimes;
import io.strata.api.time.Granularity;
import io.strata.api.time.JodaPatterns;
import io.strata.processing.filter.Filters;

import java.text.ParsePosition;
import java.text.SimpleDateFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes {@link ExtractionFn}s from their specs, with Druid's meaning (SQL-compatible null handling) as a real Druid
 * 33 answers; the golden files under {@code golden/} record those answers. A number given to a function that works
 * on text is read as its string form ({@code 10}, {@code 1.5}), as Druid does.
 */
public final class ExtractionFns {
  private ExtractionFns() {
  }

  /** Druid's ISO-8601 output: milliseconds, and {@code Z} for UTC or the offset otherwise. */
  private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd'T'HH:mm:ss.SSS").appendOffset("+HH:MM", "Z").toFormatter(Locale.ROOT);

  /**
   * @throws InvalidInputException if the spec cannot run (a registered lookup that does not exist, a bad pattern)
   */
  public static ExtractionFn create(ExtractionFnSpec spec) {
    if (spec instanceof ExtractionFnSpec.Regex r) {
      return regex(r);
    }
    if (spec instanceof ExtractionFnSpec.Partial p) {
      Pattern pattern = Pattern.compile(p.expr());
      return v -> {
        String s = text(v);
        return s != null && pattern.matcher(s).find() ? s : null;
      };
    }
    if (spec instanceof ExtractionFnSpec.SearchQuery q) {
      Predicate<String> matches = Filters.searchMatcher(q.query());
      return v -> {
        String s = text(v);
        return s != null && matches.test(s) ? s : null;
      };
    }
    if (spec instanceof ExtractionFnSpec.Substring s) {
      int index = s.index();
      Integer length = s.length();
      return v -> {
        String t = text(v);
        if (t == null || index >= t.length()) {
          return null;
        }
        return length == null ? t.substring(index) : t.substring(index, (int) Math.min(t.length(),
            (long) index + length));
      };
    }
    if (spec instanceof ExtractionFnSpec.Strlen) {
      return v -> {
        String t = text(v);
        return t == null ? null : Integer.toString(t.length());
      };
    }
    if (spec instanceof ExtractionFnSpec.Upper) {
      // Druid 33 loses the locale on its way from the broker to the data servers (it is written back as
      // "localeString" and read as "locale"), so its answers are in the root locale; these are the same answers.
      return v -> {
        String t = text(v);
        return t == null ? null : t.toUpperCase(Locale.ROOT);
      };
    }
    if (spec instanceof ExtractionFnSpec.Lower) {
      return v -> {
        String t = text(v);
        return t == null ? null : t.toLowerCase(Locale.ROOT);
      };
    }
    if (spec instanceof ExtractionFnSpec.StringFormat f) {
      return stringFormat(f);
    }
    if (spec instanceof ExtractionFnSpec.Bucket b) {
      return bucket(b.size(), b.offset());
    }
    if (spec instanceof ExtractionFnSpec.Lookup l) {
      return lookup(l.lookup().map(), l.retainMissingValue(), l.replaceMissingValueWith());
    }
    if (spec instanceof ExtractionFnSpec.RegisteredLookup l) {
      throw new InvalidInputException("lookup", "Lookup [" + l.lookup() + "] not found: no lookups are registered");
    }
    if (spec instanceof ExtractionFnSpec.Cascade c) {
      List<ExtractionFn> fns = new ArrayList<>();
      c.extractionFns().forEach(f -> fns.add(create(f)));
      return v -> {
        Object out = v;
        for (ExtractionFn f : fns) {
          out = f.apply(out);
        }
        return (String) out;
      };
    }
    if (spec instanceof ExtractionFnSpec.TimeFormat t) {
      return timeFormat(t);
    }
    if (spec instanceof ExtractionFnSpec.Time t) {
      return time(t);
    }
    throw new InvalidInputException("extractionFn", "Unsupported extraction function " + spec);
  }

  /** A value's text: strings as they are, numbers in their usual form (what a function without extraction sees). */
  public static String text(Object v) {
    if (v == null || v instanceof String) {
      return (String) v;
    }
    return String.valueOf(v);
  }

  private static ExtractionFn regex(ExtractionFnSpec.Regex r) {
    Pattern pattern = Pattern.compile(r.expr());
    int index = r.index();
    boolean replace = r.replaceMissingValue();
    String replacement = r.replaceMissingValueWith();
    return v -> {
      String s = text(v);
      if (s != null) {
        Matcher m = pattern.matcher(s);
        if (m.find()) {
          return m.group(index);
        }
      }
      return replace ? replacement : s;
    };
  }

  private static ExtractionFn stringFormat(ExtractionFnSpec.StringFormat f) {
    String format = f.format();
    String nullHandling = f.nullHandling();
    return v -> {
      Object value = v;
      if (value == null) {
        switch (nullHandling) {
          case "returnNull" -> {
            return null;
          }
          case "emptyString" -> value = "";
          default -> value = "null";
        }
      }
      try {
        return String.format(Locale.ROOT, format, value);
      } catch (IllegalFormatException e) {
        throw new InvalidInputException("format", "stringFormat [" + format + "] cannot format the value ["
            + value + "]: " + e.getMessage());
      }
    };
  }

  private static ExtractionFn bucket(double size, double offset) {
    return v -> {
      double d;
      if (v instanceof Number n) {
        d = n.doubleValue();
      } else if (v instanceof String s) {
        try {
          d = Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
          return null;
        }
      } else {
        return null;
      }
      double start = Math.floor((d - offset) / size) * size + offset;
      return start == (long) start ? Long.toString((long) start) : Double.toString(start);
    };
  }

  private static ExtractionFn lookup(Map<String, String> map, boolean retain, String replacement) {
    return v -> {
      String key = text(v);
      String out = key == null ? null : map.get(key);
      if (out != null) {
        return out;
      }
      return retain ? key : replacement;
    };
  }

  private static ExtractionFn timeFormat(ExtractionFnSpec.TimeFormat t) {
    ZoneId zone = t.timeZone() == null ? ZoneOffset.UTC : ZoneId.of(t.timeZone());
    Locale locale = t.locale() == null ? Locale.ENGLISH : Locale.forLanguageTag(t.locale());
    DateTimeFormatter format;
    try {
      format = (t.format() == null ? ISO : JodaPatterns.forPrinting(t.format(), locale)).withZone(zone);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("format", "Invalid timeFormat format [" + t.format() + "]: "
          + e.getMessage());
    }
    Granularity granularity = t.granularity();
    boolean asMillis = t.asMillis();
    return v -> {
      if (v == null) {
        return null;
      }
      long millis;
      if (v instanceof Number n) {
        millis = n.longValue();
      } else {
        String s = v.toString();
        try {
          millis = asMillis ? DateTimes.parseIsoOrMillis(s) : DateTimes.parseIso(s);
        } catch (RuntimeException e) {
          throw new InvalidInputException("extractionFn", "timeFormat extraction: [" + s + "] is not a time "
              + "(an ISO-8601 date" + (asMillis ? " or epoch millis" : "; set asMillis to read epoch millis") + ")");
        }
      }
      if (granularity != null) {
        millis = granularity.bucketStart(millis);
      }
      // asMillis without a format prints the (truncated) millis themselves, as Druid does.
      return asMillis && t.format() == null ? Long.toString(millis) : format.format(Instant.ofEpochMilli(millis));
    };
  }

  private static ExtractionFn time(ExtractionFnSpec.Time t) {
    if (t.joda()) {
      DateTimeFormatter parser;
      DateTimeFormatter printer;
      try {
        parser = JodaPatterns.toFormatter(t.timeFormat(), 2000).withZone(ZoneOffset.UTC);
        printer = JodaPatterns.forPrinting(t.resultFormat(), Locale.ENGLISH).withZone(ZoneOffset.UTC);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("timeFormat", "Invalid time extraction pattern: " + e.getMessage());
      }
      return v -> {
        String s = text(v);
        if (s == null) {
          return null;
        }
        try {
          return printer.format(parser.parse(s));
        } catch (RuntimeException e) {
          return s; // not a time in that format: the value as it is, as Druid does
        }
      };
    }
    // SimpleDateFormat patterns, read leniently as Druid reads them; each thread has its own (they are not
    // thread-safe).
    ThreadLocal<SimpleDateFormat[]> formats = ThreadLocal.withInitial(() -> {
      SimpleDateFormat parser = new SimpleDateFormat(t.timeFormat(), Locale.ENGLISH);
      parser.setLenient(true);
      parser.setTimeZone(TimeZone.getTimeZone("UTC"));
      SimpleDateFormat printer = new SimpleDateFormat(t.resultFormat(), Locale.ENGLISH);
      printer.setTimeZone(TimeZone.getTimeZone("UTC"));
      return new SimpleDateFormat[] {parser, printer};
    });
    try {
      formats.get();
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("timeFormat", "Invalid time extraction pattern: " + e.getMessage());
    }
    return v -> {
      String s = text(v);
      if (s == null) {
        return null;
      }
      SimpleDateFormat[] f = formats.get();
      ParsePosition pos = new ParsePosition(0);
      java.util.Date date = f[0].parse(s, pos);
      return date == null ? s : f[1].format(date);
    };
  }
}
