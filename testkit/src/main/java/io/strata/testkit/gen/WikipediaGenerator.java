package io.strata.testkit.gen;

import io.strata.api.time.DateTimes;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates Wikipedia edit events with the schema of Druid's tutorial data: {@code timestamp}; the dimensions
 * {@code page, language, user, unpatrolled, newPage, robot, anonymous, namespace, continent, country, region, city}
 * (the four flags as {@code "true"}/{@code "false"} strings); and the metric inputs {@code added}, {@code deleted} and
 * {@code delta = added - deleted} (integers).
 *
 * <p>The data is shaped like the real thing, so that rollup ratios, dictionary sizes and top-N answers behave as they
 * would on real data:
 * <ul>
 *   <li>Popularity is skewed: users (about 20,000) and pages (about 50,000, split into per-language wikis) are drawn
 *       from Zipf–Mandelbrot curves, so a few pages and users account for a large share of edits and most are
 *       rare.</li>
 *   <li>Each user has a home city and a language: city, region, country and continent always agree, and the
 *       language is mostly the main language of that country (editors sometimes write in English instead).</li>
 *   <li>Robots are few but prolific accounts; anonymous editors are named by IP address and are never robots.
 *       Anonymous edits are usually unpatrolled, robots' edits almost never. New pages are rare and delete
 *       nothing.</li>
 *   <li>{@code added} and {@code deleted} are heavy-tailed (Lomax distributed): most edits change tens of bytes, a
 *       few change hundreds of thousands.</li>
 *   <li>Timestamps ({@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}) fall in {@code [start, start + hours)} with a daily cycle
 *       of activity (busiest around 17:00 UTC).</li>
 * </ul>
 *
 * <p>The same seed, start and hours give the same output, byte for byte (on the same JDK: the generator relies on
 * {@link SplittableRandom} and {@link StrictMath}). {@link #write} formats lines by hand from values escaped once per
 * format, so it writes about a million JSON rows per second or more to a buffered UTF-8 writer (where encoding the
 * characters is a good part of the cost). Not thread-safe.
 */
public final class WikipediaGenerator {
  /** Output formats of {@link #write}. CSV and TSV start with a header row of {@link #COLUMNS}. */
  public enum Format { JSON, CSV, TSV }

  public static final long DEFAULT_SEED = 42;
  /** 2013-08-31T00:00:00Z, the day of the tutorial's events. */
  public static final long DEFAULT_START_MILLIS = 1_377_907_200_000L;
  public static final int DEFAULT_HOURS = 24;

  public static final List<String> DIMENSIONS = List.of("page", "language", "user", "unpatrolled", "newPage", "robot",
      "anonymous", "namespace", "continent", "country", "region", "city");
  public static final List<String> METRIC_INPUTS = List.of("added", "deleted", "delta");
  /** All columns in output order: timestamp, the 12 dimensions, added, deleted, delta. */
  public static final List<String> COLUMNS = concat(List.of("timestamp"), DIMENSIONS, METRIC_INPUTS);

  private static final long HOUR = 3_600_000L;
  private static final int FLUSH_CHARS = 1 << 15;

  private final long startMillis;
  private final int hours;
  private final SplittableRandom random;
  private final WikipediaVocabulary vocabulary = WikipediaVocabulary.standard();
  /** Share of the window's activity before the start of each hour; {@code hours + 1} entries from 0 to 1. */
  private final double[] activity;
  private final String[][] geo = new String[Format.values().length][];
  private final String[][] flags = new String[Format.values().length][];
  private final String[][] languages = new String[Format.values().length][];

  private final LomaxSampler newPageAdded = new LomaxSampler(800, 1.2, 400_000);
  private final LomaxSampler editAdded = new LomaxSampler(40, 1.1, 500_000);
  private final LomaxSampler editDeleted = new LomaxSampler(15, 1.3, 300_000);
  private final LomaxSampler revertDeleted = new LomaxSampler(2_000, 1.1, 300_000);

  // The event being generated; fields rather than an object so that writing allocates nothing per row.
  private WikipediaVocabulary.User user;
  private WikipediaVocabulary.Page page;
  private int language;
  private boolean unpatrolled;
  private boolean newPage;
  private long added;
  private long deleted;

  private long cachedMinute = Long.MIN_VALUE;
  private String cachedMinuteText;

  /**
   * @param seed        the random seed; the same seed gives the same events
   * @param startMillis the first instant of the time window, epoch millis
   * @param hours       the length of the time window in hours, at least 1
   */
  public WikipediaGenerator(long seed, long startMillis, int hours) {
    if (hours < 1) {
      throw new IllegalArgumentException("hours must be at least 1, got " + hours);
    }
    this.startMillis = startMillis;
    this.hours = hours;
    this.random = new SplittableRandom(seed);
    this.activity = activity(startMillis, hours);
    for (Format f : Format.values()) {
      geo[f.ordinal()] = geoFragments(f);
      flags[f.ordinal()] = flagFragments(f);
      languages[f.ordinal()] = Arrays.stream(WikipediaVocabulary.LANGUAGES)
          .map(l -> f == Format.JSON ? Text.json(l) : l).toArray(String[]::new);
    }
  }

  /** A generator with the CLI's defaults: seed 42, 24 hours from 2013-08-31T00:00:00Z. */
  public static WikipediaGenerator withDefaults() {
    return new WikipediaGenerator(DEFAULT_SEED, DEFAULT_START_MILLIS, DEFAULT_HOURS);
  }

  /**
   * Writes {@code rows} events, one per line, with timestamps in non-decreasing order spread over the whole window.
   * CSV and TSV output starts with a header line. The writer is neither flushed nor closed.
   */
  public void write(long rows, Format format, Writer out) throws IOException {
    if (rows < 0) {
      throw new IllegalArgumentException("rows must not be negative, got " + rows);
    }
    int f = format.ordinal();
    char separator = format == Format.TSV ? '\t' : ',';
    StringBuilder line = new StringBuilder(FLUSH_CHARS + 1024);
    char[] chunk = new char[FLUSH_CHARS + 1024];
    if (format != Format.JSON) {
      line.append(String.join(String.valueOf(separator), COLUMNS)).append('\n');
    }
    int hour = 0;
    long previous = Long.MIN_VALUE;
    for (long i = 0; i < rows; i++) {
      double u = (i + 0.5) / rows;
      while (hour < hours - 1 && activity[hour + 1] <= u) {
        hour++;
      }
      long t = Math.max(previous, timeAt(hour, u));
      previous = t;
      draw();
      if (format == Format.JSON) {
        appendJson(line, t, f);
      } else {
        appendDelimited(line, t, f, separator);
      }
      if (line.length() >= FLUSH_CHARS) {
        flush(line, chunk, out);
      }
    }
    flush(line, chunk, out);
  }

  /**
   * The next event as a map in {@link #COLUMNS} order: Strings, with {@code added}, {@code deleted} and {@code delta}
   * as Longs. The timestamp is drawn at random from the window (following the daily cycle), so successive events are
   * not in time order.
   */
  public Map<String, Object> nextEvent() {
    double u = random.nextDouble();
    int hour = Arrays.binarySearch(activity, u);
    hour = hour >= 0 ? Math.min(hour, hours - 1) : -hour - 2;
    long t = timeAt(hour, u);
    draw();
    Map<String, Object> event = new LinkedHashMap<>(24);
    WikipediaVocabulary.City city = WikipediaVocabulary.CITIES.get(user.city());
    event.put("timestamp", DateTimes.format(t));
    event.put("page", page.title().raw());
    event.put("language", WikipediaVocabulary.LANGUAGES[language]);
    event.put("user", user.name().raw());
    event.put("unpatrolled", String.valueOf(unpatrolled));
    event.put("newPage", String.valueOf(newPage));
    event.put("robot", String.valueOf(user.robot()));
    event.put("anonymous", String.valueOf(user.anonymous()));
    event.put("namespace", page.namespace().raw());
    event.put("continent", city.continent());
    event.put("country", city.country());
    event.put("region", city.region());
    event.put("city", city.city());
    event.put("added", added);
    event.put("deleted", deleted);
    event.put("delta", added - deleted);
    return event;
  }

  /** Draws everything but the timestamp into the event fields. */
  private void draw() {
    user = vocabulary.users[vocabulary.userPopularity.sample(random)];
    double r = random.nextDouble();
    language = r < 0.92 ? user.language() : 0;
    page = vocabulary.pages[language][vocabulary.pagePopularity[language].sample(random)];
    newPage = random.nextDouble() < (user.robot() ? 0.06 : 0.02);
    double patrolOdds = user.robot() ? 0.02 : user.anonymous() ? 0.6 : newPage ? 0.4 : 0.15;
    unpatrolled = random.nextDouble() < patrolOdds;
    if (newPage) {
      added = 200 + newPageAdded.sample(random);
      deleted = 0;
    } else {
      added = random.nextDouble() < 0.08 ? 0 : editAdded.sample(random);
      r = random.nextDouble();
      // Most edits only add; a few are reverts or blankings that remove a lot.
      deleted = r < 0.45 ? 0 : r < 0.98 ? editDeleted.sample(random) : revertDeleted.sample(random);
    }
  }

  /** The instant at activity share {@code u}, which falls in the given hour. */
  private long timeAt(int hour, double u) {
    double within = (u - activity[hour]) / (activity[hour + 1] - activity[hour]);
    long t = startMillis + hour * HOUR + (long) (Math.min(Math.max(within, 0), 1) * HOUR);
    return Math.min(t, startMillis + hours * HOUR - 1);
  }

  private static double[] activity(long startMillis, int hours) {
    double[] cumulative = new double[hours + 1];
    for (int h = 0; h < hours; h++) {
      long hourOfDay = Math.floorMod(Math.floorDiv(startMillis, HOUR) + h, 24);
      double weight = 1 + 0.4 * StrictMath.cos(2 * Math.PI * (hourOfDay - 17) / 24.0);
      cumulative[h + 1] = cumulative[h] + weight;
    }
    for (int h = 1; h <= hours; h++) {
      cumulative[h] /= cumulative[hours];
    }
    cumulative[hours] = 1.0;
    return cumulative;
  }

  private void appendJson(StringBuilder out, long t, int f) {
    out.append("{\"timestamp\":\"");
    appendTimestamp(out, t);
    out.append("\",\"page\":").append(page.title().json())
        .append(",\"language\":").append(languages[f][language])
        .append(",\"user\":").append(user.name().json())
        .append(flags[f][flagIndex()])
        .append(",\"namespace\":").append(page.namespace().json())
        .append(geo[f][user.city()])
        .append(",\"added\":").append(added)
        .append(",\"deleted\":").append(deleted)
        .append(",\"delta\":").append(added - deleted)
        .append("}\n");
  }

  private void appendDelimited(StringBuilder out, long t, int f, char separator) {
    boolean csv = separator == ',';
    appendTimestamp(out, t);
    out.append(separator).append(csv ? page.title().csv() : page.title().tsv())
        .append(separator).append(languages[f][language])
        .append(separator).append(csv ? user.name().csv() : user.name().tsv())
        .append(flags[f][flagIndex()])
        .append(separator).append(csv ? page.namespace().csv() : page.namespace().tsv())
        .append(geo[f][user.city()])
        .append(separator).append(added)
        .append(separator).append(deleted)
        .append(separator).append(added - deleted)
        .append('\n');
  }

  private int flagIndex() {
    return (unpatrolled ? 8 : 0) | (newPage ? 4 : 0) | (user.robot() ? 2 : 0) | (user.anonymous() ? 1 : 0);
  }

  /** Appends {@code yyyy-MM-ddTHH:mm:ss.SSSZ}, formatting the part up to the minute only when the minute changes. */
  private void appendTimestamp(StringBuilder out, long t) {
    long minute = Math.floorDiv(t, 60_000L);
    if (minute != cachedMinute) {
      cachedMinute = minute;
      String text = DateTimes.format(minute * 60_000L);
      cachedMinuteText = text.substring(0, text.length() - "ss.SSSZ".length());
    }
    int millisOfMinute = (int) Math.floorMod(t, 60_000L);
    int second = millisOfMinute / 1000;
    int millis = millisOfMinute % 1000;
    out.append(cachedMinuteText)
        .append((char) ('0' + second / 10))
        .append((char) ('0' + second % 10))
        .append('.')
        .append((char) ('0' + millis / 100))
        .append((char) ('0' + millis / 10 % 10))
        .append((char) ('0' + millis % 10))
        .append('Z');
  }

  /** The four flag fields, with their leading separators, for each combination of {@link #flagIndex()}. */
  private static String[] flagFragments(Format format) {
    String[] out = new String[16];
    for (int i = 0; i < 16; i++) {
      String unpatrolled = String.valueOf((i & 8) != 0);
      String fresh = String.valueOf((i & 4) != 0);
      String robot = String.valueOf((i & 2) != 0);
      String anonymous = String.valueOf((i & 1) != 0);
      out[i] = format == Format.JSON
          ? ",\"unpatrolled\":\"" + unpatrolled + "\",\"newPage\":\"" + fresh + "\",\"robot\":\"" + robot
              + "\",\"anonymous\":\"" + anonymous + "\""
          : delimited(format, unpatrolled, fresh, robot, anonymous);
    }
    return out;
  }

  /** The four geography fields, with their leading separators, of each city. */
  private static String[] geoFragments(Format format) {
    return WikipediaVocabulary.CITIES.stream().map(c -> format == Format.JSON
        ? ",\"continent\":" + Text.json(c.continent()) + ",\"country\":" + Text.json(c.country())
            + ",\"region\":" + Text.json(c.region()) + ",\"city\":" + Text.json(c.city())
        : delimited(format, c.continent(), c.country(), c.region(), c.city())).toArray(String[]::new);
  }

  private static String delimited(Format format, String... values) {
    StringBuilder out = new StringBuilder();
    for (String v : values) {
      out.append(format == Format.TSV ? '\t' : ',')
          .append(Text.field(format == Format.TSV ? Text.TSV : Text.CSV, v));
    }
    return out.toString();
  }

  private static void flush(StringBuilder line, char[] chunk, Writer out) throws IOException {
    int n = line.length();
    if (n == 0) {
      return;
    }
    char[] buffer = n <= chunk.length ? chunk : new char[n];
    line.getChars(0, n, buffer, 0);
    out.write(buffer, 0, n);
    line.setLength(0);
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    return Arrays.stream(parts).flatMap(List::stream).toList();
  }
}
