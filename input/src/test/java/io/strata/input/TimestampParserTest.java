package io.strata.input;

import io.strata.api.error.InvalidInputException;
import io.strata.api.input.ParseException;
import io.strata.api.spec.TimestampSpec;
import io.strata.api.time.DateTimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampParserTest {
  private static final long T = DateTimes.parseIso("2013-08-31T01:02:33.000Z");

  private static long parse(String format, Object value) {
    return TimestampParser.create(new TimestampSpec("ts", format, null)).parse(value);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2013-08-31T01:02:33Z           | 2013-08-31T01:02:33.000Z",
      "2013-08-31T01:02:33.456Z       | 2013-08-31T01:02:33.456Z",
      "2013-08-31T01:02:33.456789Z    | 2013-08-31T01:02:33.456Z",
      "2013-08-31 01:02:33            | 2013-08-31T01:02:33.000Z",
      "2013-08-31T01:02               | 2013-08-31T01:02:00.000Z",
      "2013-08-31                     | 2013-08-31T00:00:00.000Z",
      "2013-08-31T03:02:33+02:00      | 2013-08-31T01:02:33.000Z",
      "2013-08-31T03:02:33+0200       | 2013-08-31T01:02:33.000Z",
      "2013-08-30T23:02:33-02         | 2013-08-31T01:02:33.000Z",
      "1377910953000                  | 2013-08-31T01:02:33.000Z",
      "'\"2013-08-31T01:02:33Z\"'     | 2013-08-31T01:02:33.000Z",
      "2013-08-30 18:02:33 America/Los_Angeles | 2013-08-31T01:02:33.000Z",
      "2013-08-31T01                  | 2013-08-31T01:00:00.000Z",
  })
  void autoReadsIsoWithTOrSpaceAndMillis(String text, String expected) {
    assertThat(DateTimes.format(parse("auto", text))).isEqualTo(expected);
  }

  @Test
  void autoReadsNumbersAsMillis() {
    assertThat(parse("auto", 1377910953000L)).isEqualTo(T);
    assertThat(parse("auto", 1.377910953E12)).isEqualTo(T);
    assertThat(parse("auto", "-1000")).isEqualTo(-1000L);
  }

  @Test
  void isoNeedsT() {
    assertThat(parse("iso", "2013-08-31T01:02:33Z")).isEqualTo(T);
    assertThat(parse("iso", "2013-08-31T01:02:33")).isEqualTo(T);
    assertThat(parse("iso", "2013-08-31")).isEqualTo(DateTimes.parseIso("2013-08-31"));
    assertThatThrownBy(() -> parse("iso", "2013-08-31 01:02:33"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("Timestamp[2013-08-31 01:02:33] is unparseable");
  }

  @Test
  void epochFormats() {
    assertThat(parse("posix", 1377910953L)).isEqualTo(T);
    assertThat(parse("posix", "1377910953")).isEqualTo(T);
    assertThat(parse("posix", "1377910953.25")).isEqualTo(T + 250);
    assertThat(parse("posix", 1377910953.25)).isEqualTo(T + 250);
    assertThat(parse("millis", 1377910953000L)).isEqualTo(T);
    assertThat(parse("millis", "1377910953000")).isEqualTo(T);
    assertThat(parse("micro", 1377910953000123L)).isEqualTo(T);
    assertThat(parse("micro", "1377910953000999")).isEqualTo(T);
    assertThat(parse("nano", 1377910953000123456L)).isEqualTo(T);
    assertThat(parse("nano", "1377910953000999999")).isEqualTo(T);
    assertThat(parse("ruby", 1377910953.123)).isEqualTo(T + 123);
    assertThat(parse("ruby", "1377910953.123456")).isEqualTo(T + 123);
    assertThat(parse("ruby", 1377910953)).isEqualTo(T);
    assertThat(parse("MILLIS", 5)).isEqualTo(5);
    // Finer units are truncated towards the past, also before 1970.
    assertThat(parse("micro", -1L)).isEqualTo(-1L);
    assertThat(parse("posix", "-0.0005")).isEqualTo(-1L);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "yyyy-MM-dd HH:mm:ss          | 2013-08-31 01:02:33           | 2013-08-31T01:02:33.000Z",
      "dd/MMM/yyyy:HH:mm:ss Z       | 30/Aug/2013:18:02:33 -0700    | 2013-08-31T01:02:33.000Z",
      "dd/MMM/yyyy:HH:mm:ss ZZ      | 30/aug/2013:18:02:33 -07:00   | 2013-08-31T01:02:33.000Z",
      "yyyy-MM-dd'T'HH:mm:ss.SSSZ   | 2013-08-31T01:02:33.120Z      | 2013-08-31T01:02:33.120Z",
      "yyyy-MM-dd HH:mm:ss ZZZ      | 2013-08-30 18:02:33 America/Los_Angeles | 2013-08-31T01:02:33.000Z",
      "yyyyMMddHHmmss               | 20130831010233                | 2013-08-31T01:02:33.000Z",
      "yyyy-MM-dd                   | 2013-08-31                    | 2013-08-31T00:00:00.000Z",
      "MM/dd/yyyy hh:mm:ss a        | 08/31/2013 01:02:33 PM        | 2013-08-31T13:02:33.000Z",
      "EEE, d MMM yyyy HH:mm:ss Z   | Sat, 31 Aug 2013 01:02:33 +0000 | 2013-08-31T01:02:33.000Z",
      "EEEE MMMM d yyyy H:m         | Saturday August 31 2013 1:2   | 2013-08-31T01:02:00.000Z",
      "yyyy.D                       | 2013.243                      | 2013-08-31T00:00:00.000Z",
      "xxxx-'W'ww-e                 | 2013-W35-6                    | 2013-08-31T00:00:00.000Z",
      "HH:mm                        | 01:02                         | 1970-01-01T01:02:00.000Z",
      "'at' HH 'o''clock' yyyy-MM-dd | at 01 o'clock 2013-08-31     | 2013-08-31T01:00:00.000Z",
  })
  void jodaPatterns(String pattern, String text, String expected) {
    assertThat(DateTimes.format(parse(pattern, text))).isEqualTo(expected);
  }

  @Test
  void badPatternIsAnInvalidSpec() {
    assertThatThrownBy(() -> TimestampParser.create(new TimestampSpec(null, "yyyy-MM-dd qq", null)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("yyyy-MM-dd qq")
        .hasMessageContaining("'q'");
  }

  @Test
  void anUnterminatedQuoteRunsToTheEndOfThePattern() {
    // As in Joda: "yyyy-MM-dd'T'HH:mm:ss'Z" reads a literal Z at the end (plywood sends this pattern).
    assertThat(DateTimes.format(parse("yyyy-MM-dd'T'HH:mm:ss'Z", "2013-08-31T01:02:03Z")))
        .isEqualTo("2013-08-31T01:02:03.000Z");
  }

  @Test
  void nullUsesMissingValueOrFails() {
    TimestampParser withDefault = TimestampParser.create(new TimestampSpec("ts", "auto", "2000-01-01T01:02:03.456"));
    assertThat(withDefault.parse(null)).isEqualTo(DateTimes.parseIso("2000-01-01T01:02:03.456Z"));
    // missingValue is ISO whatever the format.
    TimestampParser posix = TimestampParser.create(new TimestampSpec("ts", "posix", "2000-01-01"));
    assertThat(posix.parse(null)).isEqualTo(DateTimes.parseIso("2000-01-01"));
    assertThat(posix.parse(1)).isEqualTo(1000);

    TimestampParser strict = TimestampParser.create(TimestampSpec.defaults());
    assertThatThrownBy(() -> strict.parse(null))
        .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.unparseable()).isTrue())
        .hasMessageContaining("Timestamp[null] is unparseable");
  }

  @Test
  void unparseableValuesNameTheValue() {
    for (String format : new String[]{"auto", "iso", "posix", "millis", "micro", "nano", "ruby", "yyyy-MM-dd"}) {
      assertThatThrownBy(() -> parse(format, "not a time"))
          .as(format)
          .isInstanceOfSatisfying(ParseException.class, e -> {
            assertThat(e.unparseable()).isTrue();
            assertThat(e.input()).isEqualTo("not a time");
          })
          .hasMessageContaining("Timestamp[not a time] is unparseable");
    }
    assertThatThrownBy(() -> parse("auto", "")).isInstanceOf(ParseException.class);
    assertThatThrownBy(() -> parse("auto", "2013-02-30T00:00:00Z")).isInstanceOf(ParseException.class);
    assertThatThrownBy(() -> parse("posix", Double.NaN)).isInstanceOf(ParseException.class);
    assertThatThrownBy(() -> parse("posix", Long.MAX_VALUE)).isInstanceOf(ParseException.class);
    assertThatThrownBy(() -> parse("millis", Long.MAX_VALUE))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("out of the range");
  }

  @Test
  void cacheDoesNotMixUpValues() {
    TimestampParser p = TimestampParser.create(TimestampSpec.defaults());
    assertThat(p.parse("2013-08-31T01:02:33Z")).isEqualTo(T);
    assertThat(p.parse("2013-08-31T01:02:33Z")).isEqualTo(T);
    assertThat(p.parse("2013-08-31T01:02:34Z")).isEqualTo(T + 1000);
    assertThat(p.parse(T)).isEqualTo(T);
  }

  /** The hand-written ISO fast path must agree with the java.time parser on every shape both accept. */
  @Test
  void fastIsoPathAgreesWithFullParser() {
    long seed = Seeds.seed("fastIsoPathAgreesWithFullParser");
    Random random = new Random(seed);
    String[] offsets = {"", "Z", "+00:00", "+05:30", "-08:00", "+0100", "-0330", "+14", "-12"};
    for (int i = 0; i < 20_000; i++) {
      long millis = random.nextLong() % 8_000_000_000_000L;
      String iso = DateTimes.format(millis);
      String base = iso.substring(0, 19);
      String text;
      switch (random.nextInt(5)) {
        case 0 -> text = base.substring(0, 10);
        case 1 -> text = base.substring(0, 16);
        case 2 -> text = base;
        case 3 -> text = base + "." + String.valueOf(1_000_000_000L + random.nextInt(1_000_000_000))
            .substring(1, 2 + random.nextInt(9));
        default -> text = iso.substring(0, 23);
      }
      if (text.length() > 10) {
        if (random.nextBoolean()) {
          text = text.substring(0, 10) + ' ' + text.substring(11);
        }
        text += offsets[random.nextInt(offsets.length)];
      }
      long fast = IsoTimestamps.parse(text, true);
      long full = IsoTimestamps.parseFull(text);
      assertThat(full).as("seed %d text %s", seed, text).isEqualTo(DateTimes.parseIso(text));
      assertThat(fast).as("seed %d text %s", seed, text).isEqualTo(full);
    }
    for (String bad : new String[]{"2013-13-01", "2013-02-29", "2013-08-31T24:00", "2013-08-31T01:60",
        "2013-08-31T01:02:60", "2013-08-31X01:02", "2013-08-31T01:02:03.", "2013-08-31T01:02:03+1",
        "2013-08-31T01:02:03.1234567890", "12013-08-31", " 2013-08-31"}) {
      assertThat(IsoTimestamps.parse(bad, true)).as(bad).isEqualTo(IsoTimestamps.NOT_FAST);
    }
    assertThat(IsoTimestamps.parse("2016-02-29", true)).isEqualTo(DateTimes.parseIso("2016-02-29"));
    assertThat(IsoTimestamps.parse("2013-08-31 01:02", false)).isEqualTo(IsoTimestamps.NOT_FAST);
  }

  @Test
  void fractionalSecondsArePreciseForDecimalText() {
    // 0.1 s steps that are not exact in binary must still land on whole milliseconds.
    for (int i = 0; i < 1000; i++) {
      BigDecimal seconds = BigDecimal.valueOf(1377910953L).add(BigDecimal.valueOf(i, 3));
      assertThat(parse("posix", seconds.toPlainString())).isEqualTo(T + i);
      assertThat(parse("ruby", seconds.doubleValue())).isEqualTo(T + i);
    }
  }

  @Test
  void fullParserRejectsImpossibleDates() {
    assertThatThrownBy(() -> IsoTimestamps.parseFull("2013-02-29")).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> IsoTimestamps.parseFull("2013-04-31T00:00")).isInstanceOf(DateTimeException.class);
    assertThat(IsoTimestamps.parseFull("2016-02-29T01")).isEqualTo(DateTimes.parseIso("2016-02-29T01:00Z"));
  }
}
