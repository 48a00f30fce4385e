package io.strata.testkit.gen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.api.input.InputRow;
import io.strata.api.spec.InputFormatSpec;
import io.strata.api.spec.InputSourceSpec;
import io.strata.api.spec.TimestampSpec;
import io.strata.api.time.DateTimes;
import io.strata.input.InputFormats;
import io.strata.input.InputRowReader;
import io.strata.input.InputSources;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WikipediaGeneratorTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long START = WikipediaGenerator.DEFAULT_START_MILLIS;
  private static final long END = START + 24 * 3_600_000L;

  private static long seed(String test) {
    String fixed = System.getProperty("tests.seed");
    long seed = fixed != null ? Long.parseLong(fixed) : System.nanoTime();
    System.out.println(test + " seed=" + seed + " (replay with -Dtests.seed=" + seed + ")");
    return seed;
  }

  private static String generate(long seed, long rows, WikipediaGenerator.Format format) throws IOException {
    StringWriter out = new StringWriter();
    new WikipediaGenerator(seed, START, 24).write(rows, format, out);
    return out.toString();
  }

  @Test
  void sameSeedSameBytesOtherSeedOtherBytes() throws IOException {
    long seed = seed("sameSeedSameBytesOtherSeedOtherBytes");
    for (WikipediaGenerator.Format format : WikipediaGenerator.Format.values()) {
      String first = generate(seed, 5_000, format);
      assertThat(generate(seed, 5_000, format)).as("seed %d %s", seed, format).isEqualTo(first);
      assertThat(generate(seed + 1, 5_000, format)).as("seed %d %s", seed, format).isNotEqualTo(first);
    }
    WikipediaGenerator a = new WikipediaGenerator(seed, START, 24);
    WikipediaGenerator b = new WikipediaGenerator(seed, START, 24);
    for (int i = 0; i < 1000; i++) {
      assertThat(a.nextEvent()).isEqualTo(b.nextEvent());
    }
  }

  @Test
  void jsonLinesAreValidAndOrdered() throws IOException {
    long seed = seed("jsonLinesAreValidAndOrdered");
    String json = generate(seed, 20_000, WikipediaGenerator.Format.JSON);
    String[] lines = json.split("\n");
    assertThat(lines).hasSize(20_000);
    long previous = START;
    for (String line : lines) {
      JsonNode node = MAPPER.readTree(line);
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      assertThat(names).as("seed %d: %s", seed, line).isEqualTo(WikipediaGenerator.COLUMNS);
      for (String dim : WikipediaGenerator.DIMENSIONS) {
        assertThat(node.get(dim).isTextual()).as("%s in %s", dim, line).isTrue();
      }
      for (String flag : List.of("unpatrolled", "newPage", "robot", "anonymous")) {
        assertThat(node.get(flag).asText()).isIn("true", "false");
      }
      assertThat(node.get("added").isIntegralNumber()).isTrue();
      assertThat(node.get("deleted").asLong()).isNotNegative();
      assertThat(node.get("delta").asLong()).isEqualTo(node.get("added").asLong() - node.get("deleted").asLong());
      String timestamp = node.get("timestamp").asText();
      assertThat(timestamp).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      long t = DateTimes.parseIso(timestamp);
      assertThat(t).isBetween(previous, END - 1);
      previous = t;
    }
    // The rows cover the window: the first and last hour both have rows.
    assertThat(DateTimes.parseIso(MAPPER.readTree(lines[0]).get("timestamp").asText())).isLessThan(START + 3_600_000L);
    assertThat(previous).isGreaterThanOrEqualTo(END - 3_600_000L);
  }

  @Test
  void csvAndTsvHaveHeaderAndSixteenColumns() throws IOException {
    long seed = seed("csvAndTsvHaveHeaderAndSixteenColumns");
    for (WikipediaGenerator.Format format : List.of(WikipediaGenerator.Format.CSV, WikipediaGenerator.Format.TSV)) {
      String text = generate(seed, 20_000, format);
      CSVFormat parse = CSVFormat.DEFAULT.builder()
          .setDelimiter(format == WikipediaGenerator.Format.TSV ? '\t' : ',').build();
      int records = 0;
      try (CSVParser parser = CSVParser.parse(text, parse)) {
        Iterator<CSVRecord> it = parser.iterator();
        assertThat(it.next().toList()).isEqualTo(WikipediaGenerator.COLUMNS);
        while (it.hasNext()) {
          CSVRecord record = it.next();
          assertThat(record.size()).as("seed %d %s record %s", seed, format, record).isEqualTo(16);
          assertThat(Long.parseLong(record.get(15)))
              .isEqualTo(Long.parseLong(record.get(13)) - Long.parseLong(record.get(14)));
          records++;
        }
      }
      assertThat(records).isEqualTo(20_000);
      // Some titles hold commas or quotes, so quoting is exercised, not just avoided.
      assertThat(text).contains("\"");
    }
  }

  /** Every format reads back through strata-input without a single parse error, to the same events. */
  @Test
  void readsBackThroughTheInputModule() throws IOException {
    long seed = seed("readsBackThroughTheInputModule");
    Map<WikipediaGenerator.Format, InputFormatSpec> formats = Map.of(
        WikipediaGenerator.Format.JSON, new InputFormatSpec.JsonFormat(null, null),
        WikipediaGenerator.Format.CSV, new InputFormatSpec.Csv(null, null, true, null),
        WikipediaGenerator.Format.TSV, new InputFormatSpec.Tsv(null, null, null, true, null));
    Map<WikipediaGenerator.Format, List<InputRow>> read = new HashMap<>();
    for (WikipediaGenerator.Format format : WikipediaGenerator.Format.values()) {
      String text = generate(seed, 5_000, format);
      List<InputRow> rows = new ArrayList<>();
      try (InputRowReader reader = InputFormats.open(formats.get(format), TimestampSpec.defaults(),
          InputSources.splits(new InputSourceSpec.Inline(text), null).get(0))) {
        for (InputRow row = reader.next(); row != null; row = reader.next()) {
          rows.add(row);
        }
      }
      assertThat(rows).as("seed %d %s", seed, format).hasSize(5_000);
      read.put(format, rows);
    }
    for (int i = 0; i < 5_000; i++) {
      InputRow json = read.get(WikipediaGenerator.Format.JSON).get(i);
      for (WikipediaGenerator.Format format : List.of(WikipediaGenerator.Format.CSV, WikipediaGenerator.Format.TSV)) {
        InputRow other = read.get(format).get(i);
        assertThat(other.timestamp()).isEqualTo(json.timestamp());
        for (String column : WikipediaGenerator.COLUMNS) {
          assertThat(String.valueOf(other.get(column))).as("seed %d %s row %d %s", seed, format, i, column)
              .isEqualTo(String.valueOf(json.get(column)));
        }
      }
    }
  }

  @Test
  void geographyIsConsistentAndLanguageMostlyMatchesCountry() {
    long seed = seed("geographyIsConsistentAndLanguageMostlyMatchesCountry");
    WikipediaGenerator generator = new WikipediaGenerator(seed, START, 24);
    Map<String, String> regionOfCity = new HashMap<>();
    Map<String, String> countryOfRegion = new HashMap<>();
    Map<String, String> continentOfCountry = new HashMap<>();
    Map<String, String> mainLanguage = new HashMap<>();
    for (WikipediaVocabulary.City c : WikipediaVocabulary.CITIES) {
      mainLanguage.put(c.city(), c.language());
    }
    int matching = 0;
    int events = 50_000;
    for (int i = 0; i < events; i++) {
      Map<String, Object> e = generator.nextEvent();
      String city = (String) e.get("city");
      assertThat(regionOfCity.computeIfAbsent(city, k -> (String) e.get("region"))).isEqualTo(e.get("region"));
      assertThat(countryOfRegion.computeIfAbsent((String) e.get("region"), k -> (String) e.get("country")))
          .isEqualTo(e.get("country"));
      assertThat(continentOfCountry.computeIfAbsent((String) e.get("country"), k -> (String) e.get("continent")))
          .isEqualTo(e.get("continent"));
      if (mainLanguage.get(city).equals(e.get("language"))) {
        matching++;
      }
    }
    assertThat(regionOfCity).hasSizeGreaterThan(40);
    assertThat(continentOfCountry.values()).contains("North America", "Europe", "Asia", "South America", "Africa",
        "Australia");
    assertThat((double) matching / events).as("seed %d", seed).isGreaterThan(0.7).isLessThan(0.98);
  }

  @Test
  void popularityIsSkewedAndFlagsAreRealistic() {
    long seed = seed("popularityIsSkewedAndFlagsAreRealistic");
    WikipediaGenerator generator = new WikipediaGenerator(seed, START, 24);
    Map<String, Integer> pages = new HashMap<>();
    Map<String, Integer> users = new HashMap<>();
    int robots = 0;
    int anonymous = 0;
    List<Long> added = new ArrayList<>();
    int events = 200_000;
    for (int i = 0; i < events; i++) {
      Map<String, Object> e = generator.nextEvent();
      pages.merge((String) e.get("page"), 1, Integer::sum);
      users.merge((String) e.get("user"), 1, Integer::sum);
      boolean robot = e.get("robot").equals("true");
      boolean anon = e.get("anonymous").equals("true");
      robots += robot ? 1 : 0;
      anonymous += anon ? 1 : 0;
      if (anon) {
        assertThat(robot).isFalse();
        assertThat((String) e.get("user")).matches("[0-9.]+|[0-9a-f:]+");
      }
      if (e.get("newPage").equals("true")) {
        assertThat(e.get("deleted")).isEqualTo(0L);
      }
      added.add((Long) e.get("added"));
      long t = DateTimes.parseIso((String) e.get("timestamp"));
      assertThat(t).isBetween(START, END - 1);
    }
    assertThat(median(pages)).as("seed %d", seed).isLessThanOrEqualTo(3);
    assertThat(max(pages)).as("seed %d", seed).isGreaterThan(50 * median(pages));
    assertThat(max(users)).as("seed %d", seed).isGreaterThan(100 * median(users));
    assertThat(pages).hasSizeGreaterThan(20_000);
    assertThat(users).hasSizeGreaterThan(10_000);
    assertThat((double) robots / events).as("seed %d", seed).isBetween(0.03, 0.35);
    assertThat((double) anonymous / events).as("seed %d", seed).isBetween(0.03, 0.3);
    added.sort(null);
    long medianAdded = added.get(added.size() / 2);
    assertThat(medianAdded).isBetween(10L, 200L);
    assertThat(added.get(added.size() - 1)).isGreaterThan(1000 * medianAdded);
  }

  @Test
  void throughputSmoke() throws IOException {
    WikipediaGenerator generator = WikipediaGenerator.withDefaults();
    Writer discard = Writer.nullWriter();
    generator.write(200_000, WikipediaGenerator.Format.JSON, discard);
    long t0 = System.nanoTime();
    generator.write(1_000_000, WikipediaGenerator.Format.JSON, discard);
    double seconds = (System.nanoTime() - t0) / 1e9;
    // Printed, not asserted: timings depend on the machine.
    System.out.printf("WikipediaGenerator JSON: %,.0f rows/s%n", 1_000_000 / seconds);
  }

  private static int median(Map<String, Integer> counts) {
    int[] values = counts.values().stream().mapToInt(Integer::intValue).sorted().toArray();
    return values[values.length / 2];
  }

  private static int max(Map<String, Integer> counts) {
    return counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
  }
}
