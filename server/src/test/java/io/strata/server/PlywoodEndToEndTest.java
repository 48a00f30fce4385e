package io.strata.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The real plywood query planner (what Turnilo and Pivot run on) asks Strata the questions a Turnilo user asks,
 * through the real plywood-druid-requester over HTTP: {@code src/test/resources/plywood/questions.js} introspects the
 * datasource (status, segmentMetadata, timeBoundary) and runs totals, topN and groupBy splits, filters, time buckets
 * in a time zone, filtered measures, expression splits, a nested split, a period comparison, a measure filter and
 * distinct counts (plywood's countDistinct, Druid's {@code cardinality}; and an HLLSketchBuild custom aggregation). Every answer plywood got is checked against a native query written here by hand for what the
 * question means (a different query shape where there is one, so the check is not plywood's query replayed), and the
 * totals and filters also against the generated rows. The questions Strata refuses today are listed in
 * {@link #REFUSED} with the reason; each must still fail, with a 400, so the list shrinks as features land.
 *
 * <p>Needs Node.js and npm: plywood is installed with npm on first use into {@code strata.plywood.home} (system
 * property), else {@code $STRATA_PLYWOOD_HOME}, else {@code ~/.cache/strata/plywood}, in a folder named after the hash
 * of {@code package.json}, and reused while that file is unchanged.
 */
class PlywoodEndToEndTest {
  @TempDir
  static Path tmp;
  static TestServer server;

  private static final String DS = "plywood_wiki";
  private static final Instant START = Instant.parse("2020-01-01T00:00:00Z");
  private static final Instant END = Instant.parse("2020-01-03T00:00:00Z");
  private static final String INTERVALS = "\"intervals\":[\"2020-01-01T00:00:00Z/2020-01-03T00:00:00Z\"]";
  private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
  private static final String EN = "#en.wikipedia";
  private static final List<String> IN_COUNTRIES = List.of("United States", "France");

  /**
   * The questions Strata refuses today, with what its 400 says. When one starts to work, move it to a test of its
   * own that checks the answer.
   */
  private static final Map<String, String> REFUSED = Map.of(
      // plywood's quantile on a plain numeric column is the druid-histogram extension's `approxHistogram`.
      "quantileAdded", "Unknown type [approxHistogram]");

  /** The questions checked by a test below (with "introspect" and "timeRange"). */
  private static final Set<String> CHECKED = Set.of("introspect", "timeRange", "totals", "topChannelsByAdded",
      "countriesAlphabetical", "channelByRobot", "filterChannelIs", "filterCountriesIn", "filterPageContains",
      "filterUserRegex", "filterAddedAtLeast", "byHourUtc", "byDayLosAngeles", "averageAdded",
      "filteredMeasureByCountry", "byPageFirstLetter", "byHourOfDayLosAngeles", "topChannelsThenByDay",
      "previousPeriod", "channelsWithAddedOver", "distinctUsersHllSketch", "countDistinctUsers", "topHoursByCount");

  record Row(Instant ts, String channel, String page, String user, String countryName, String isRobot, long added,
             long deleted) {
  }

  static List<Row> rows;
  static long havingAddedOver;
  /** questions.js's output lines by question name. */
  static Map<String, JsonNode> answers;
  static String nodeOutput;

  /** 360 Wikipedia-like edits, one every 8 minutes over 2020-01-01 and 2020-01-02 (UTC), from a fixed seed. */
  static List<Row> generate() {
    String[] channels = {"#en.wikipedia", "#fr.wikipedia", "#de.wikipedia", "#ja.wikipedia", "#es.wikipedia",
        "#it.wikipedia"};
    double[] channelWeights = {0.34, 0.2, 0.15, 0.13, 0.1, 0.08};
    String[] countries = {"United States", "France", "Germany", "Japan", "Spain", "United Kingdom", "Italy", null};
    double[] countryWeights = {0.28, 0.15, 0.12, 0.1, 0.09, 0.09, 0.07, 0.1};
    String[] pages = {"Main Page", "Talk:Main Page", "Apple", "Banana", "Cherry", "User talk:Alice", "Talk:Apple",
        "Wikipedia:Sandbox", "Dog", "Elephant", "talkative parrot", "Zebra", "Quantum mechanics", "List of rivers",
        "Berlin", "Paris", "Tokyo", "Madrid", "File:Sunset.jpg", "Template:Infobox"};
    String[] users = {"Alice", "Bob", "Carol", "Dave", "Eve", "Mallory", "Nina", "Oscar", "Peggy", "Trent", "Victor",
        "Walter", "zoe", "xavier_bot", "MediaWiki bot", "192.168.0.1", "10.0.0.7", "Lina", "Kim", "Hiro"};
    Random rnd = new Random(20200101L);
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < 360; i++) {
      Instant ts = START.plusSeconds(i * 480L + (i * 53L) % 400);
      String user = users[rnd.nextInt(users.length)];
      double a = rnd.nextDouble();
      out.add(new Row(ts, pick(channels, channelWeights, rnd), pages[rnd.nextInt(pages.length)], user,
          pick(countries, countryWeights, rnd), user.contains("bot") ? "true" : "false", (long) (a * a * a * 3000),
          rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(200)));
    }
    return out;
  }

  private static String pick(String[] values, double[] weights, Random rnd) {
    double x = rnd.nextDouble();
    for (int i = 0; i < values.length - 1; i++) {
      x -= weights[i];
      if (x < 0) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }

  /** The native batch spec that ingests {@code rows} inline (rollup off: one Druid row per edit). */
  static String ingestSpec(List<Row> rows) throws IOException {
    StringBuilder data = new StringBuilder();
    for (Row r : rows) {
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.put("timestamp", r.ts().toString());
      o.put("channel", r.channel());
      o.put("page", r.page());
      o.put("user", r.user());
      if (r.countryName() != null) {
        o.put("countryName", r.countryName());
      }
      o.put("isRobot", r.isRobot());
      o.put("added", r.added());
      o.put("deleted", r.deleted());
      data.append(Json.MAPPER.writeValueAsString(o)).append('\n');
    }
    ObjectNode spec = (ObjectNode) Json.MAPPER.readTree("""
        {"type":"index","spec":{
          "dataSchema":{"dataSource":"%s","timestampSpec":{"column":"timestamp","format":"iso"},
            "dimensionsSpec":{"dimensions":["channel","page","user","countryName","isRobot"]},
            "metricsSpec":[{"type":"longSum","name":"added","fieldName":"added"},
                           {"type":"longSum","name":"deleted","fieldName":"deleted"}],
            "granularitySpec":{"segmentGranularity":"day","queryGranularity":"none","rollup":false}},
          "ioConfig":{"type":"index","inputSource":{"type":"inline","data":""},"inputFormat":{"type":"json"}}}}"""
        .formatted(DS));
    ((ObjectNode) spec.at("/spec/ioConfig/inputSource")).put("data", data.toString());
    return Json.MAPPER.writeValueAsString(spec);
  }

  @BeforeAll
  static void start() throws Exception {
    rows = generate();
    Map<String, Long> addedByChannel = new HashMap<>();
    rows.forEach(r -> addedByChannel.merge(r.channel(), r.added(), Long::sum));
    havingAddedOver = rows.stream().mapToLong(Row::added).sum() / addedByChannel.size();
    server = new TestServer(tmp.resolve("var"));
    JsonNode status = server.runTask(ingestSpec(rows));
    assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("SUCCESS");

    Path home = installPlywood();
    ObjectNode config = Json.MAPPER.createObjectNode();
    ObjectNode values = config.putObject("values");
    values.put("channel", EN);
    ArrayNode countries = values.putArray("countries");
    IN_COUNTRIES.forEach(countries::add);
    values.put("pageContains", "talk");
    values.put("userRegex", "^[A-M]");
    values.put("addedAtLeast", 100);
    values.put("havingAddedOver", havingAddedOver);
    config.put("timeZone", LA.getId());
    config.put("questionTimeoutMs", 60_000);
    config.put("totalTimeoutMs", 240_000);
    nodeOutput = runQuestions(home, Json.MAPPER.writeValueAsString(config));
    answers = new LinkedHashMap<>();
    for (String line : nodeOutput.split("\n")) {
      if (line.startsWith("{")) {
        JsonNode answer = Json.MAPPER.readTree(line);
        answers.put(answer.get("name").asText(), answer);
      }
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  // ---- installing plywood and running the questions ----

  static Path plywoodHome() {
    String configured = System.getProperty("strata.plywood.home");
    if (configured == null || configured.isBlank()) {
      configured = System.getenv("STRATA_PLYWOOD_HOME");
    }
    if (configured != null && !configured.isBlank()) {
      return Paths.get(configured);
    }
    return Paths.get(System.getProperty("user.home"), ".cache", "strata", "plywood");
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = PlywoodEndToEndTest.class.getResourceAsStream(name)) {
      assertThat(in).as("test resource " + name).isNotNull();
      return in.readAllBytes();
    }
  }

  /**
   * Installs the packages of {@code plywood/package.json} with npm into a folder named after the file's hash, unless
   * an earlier run finished that install; returns the folder (its {@code node_modules} holds plywood).
   */
  static Path installPlywood() throws Exception {
    byte[] packageJson = resource("/plywood/package.json");
    String key = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(packageJson)).substring(0, 16);
    Path base = plywoodHome();
    Path home = base.resolve(key);
    if (installed(home)) {
      return home;
    }
    Files.createDirectories(base);
    // Installed beside the final folder and moved into place when complete, so an interrupted install is never
    // taken for a finished one, and two concurrent runs do not install into each other.
    Path staging = Files.createTempDirectory(base, key + ".installing-");
    Files.write(staging.resolve("package.json"), packageJson);
    Path log = staging.resolve("npm.log");
    Process npm = start(new ProcessBuilder(List.of("npm", "install", "--ignore-scripts", "--no-audit", "--no-fund",
        "--omit=dev")).directory(staging.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()));
    boolean done = npm.waitFor(10, TimeUnit.MINUTES);
    if (!done) {
      npm.destroyForcibly();
    }
    if (!done || npm.exitValue() != 0 || !hasPackages(staging)) {
      String output = Files.exists(log) ? Files.readString(log) : "";
      deleteTree(staging);
      throw new AssertionError("npm could not install plywood (package.json: " + new String(packageJson,
          StandardCharsets.UTF_8) + ") into " + staging + "; Node.js and npm are needed:\n" + output);
    }
    Files.writeString(staging.resolve(".installed"), Instant.now() + "\n");
    if (Files.exists(home) && !installed(home)) {
      deleteTree(home); // a leftover of an older layout or a failed move
    }
    try {
      Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      deleteTree(staging); // another run finished first
    }
    assertThat(installed(home)).as("plywood installed in " + home).isTrue();
    return home;
  }

  /** A finished install: the packages, and the marker written after npm succeeded. */
  private static boolean installed(Path dir) {
    return hasPackages(dir) && Files.exists(dir.resolve(".installed"));
  }

  private static boolean hasPackages(Path dir) {
    return Files.exists(dir.resolve("node_modules/plywood/package.json"))
        && Files.exists(dir.resolve("node_modules/plywood-druid-requester/package.json"));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static Process start(ProcessBuilder pb) throws IOException {
    try {
      return pb.start();
    } catch (IOException e) {
      throw new IOException("cannot run " + pb.command().get(0) + " (this test needs Node.js and npm on the PATH): "
          + e.getMessage(), e);
    }
  }

  /** Runs {@code node questions.js <url> <ds> <config>}; returns its standard output. */
  static String runQuestions(Path home, String config) throws Exception {
    Path script = tmp.resolve("questions.js");
    Files.write(script, resource("/plywood/questions.js"));
    Path out = tmp.resolve("questions.out");
    Path err = tmp.resolve("questions.err");
    ProcessBuilder pb = new ProcessBuilder(List.of("node", script.toString(), server.server.url(), DS, config))
        .directory(home.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("NODE_PATH", home.resolve("node_modules").toString());
    Process node = start(pb);
    boolean done = node.waitFor(5, TimeUnit.MINUTES);
    if (!done) {
      node.destroyForcibly();
      node.waitFor(10, TimeUnit.SECONDS);
    }
    String stdout = Files.readString(out);
    String stderr = Files.readString(err);
    if (!done || node.exitValue() != 0) {
      throw new AssertionError("node questions.js " + (done ? "exited with " + node.exitValue() : "timed out")
          + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
    }
    return stdout;
  }

  // ---- reading plywood's answers ----

  /** plywood's result for a question it answered (the test fails with plywood's error otherwise). */
  private static JsonNode answered(String name) {
    JsonNode answer = answers.get(name);
    assertThat(answer).as("question " + name + " was not asked; questions.js printed:\n" + nodeOutput).isNotNull();
    assertThat(answer.get("error").isNull())
        .as("plywood could not answer %s: %s\nnative queries it sent: %s", name, answer.get("error"),
            answer.get("druidQueries"))
        .isTrue();
    return answer.get("plywood");
  }

  /** The one datum of a top-level ply() result. */
  private static JsonNode datum(JsonNode result) {
    return result.at("/data/0");
  }

  /** The rows of a split (a nested dataset) of a datum. */
  private static JsonNode split(JsonNode datum, String name) {
    JsonNode rows = datum.at("/" + name + "/data");
    assertThat(rows.isArray()).as(name + " in " + datum).isTrue();
    return rows;
  }

  private static String key(JsonNode row, String... fields) {
    StringBuilder b = new StringBuilder();
    for (String f : fields) {
      JsonNode v = row.get(f);
      if (b.length() > 0) {
        b.append('|');
      }
      b.append(v == null || v.isNull() ? "null" : v.asText());
    }
    return b.toString();
  }

  // ---- direct native queries ----

  private static JsonNode query(String json) throws Exception {
    return server.query(json);
  }

  /** A groupBy result's events by the values of the named columns (joined with "|", null as "null"). */
  private static Map<String, JsonNode> events(JsonNode groupBy, String... dims) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode row : groupBy) {
      JsonNode event = row.get("event");
      assertThat(out.put(key(event, dims), event)).as("duplicate group " + event).isNull();
    }
    return out;
  }

  private static void assertNumber(String what, JsonNode actual, JsonNode expected) {
    assertThat(actual).as(what + " (plywood's value missing)").isNotNull();
    assertThat(expected).as(what + " (the direct query's value missing)").isNotNull();
    if (actual.isIntegralNumber() && expected.isIntegralNumber()) {
      assertThat(actual.asLong()).as(what).isEqualTo(expected.asLong());
    } else {
      double e = expected.asDouble();
      assertThat(actual.asDouble()).as(what).isCloseTo(e, within(1e-9 * Math.max(1, Math.abs(e))));
    }
  }

  private static void assertNumber(String what, JsonNode actual, long expected) {
    assertNumber(what, actual, Json.MAPPER.getNodeFactory().numberNode(expected));
  }

  /**
   * plywood's split rows are the first {@code limit} of {@code direct} ordered by {@code directSort} descending, and
   * each equals the direct group of its key on every (plywood field, direct field) pair. Ties at the cut may be broken
   * either way: the sort values are compared in order, the other fields row by row.
   */
  private static void assertTopDescending(String what, JsonNode plywoodRows, String[] plywoodKey,
                                          Map<String, JsonNode> direct, String plywoodSort, String directSort,
                                          int limit, String... fieldPairs) {
    List<JsonNode> sorted = direct.values().stream().map(e -> e.get(directSort))
        .sorted(Comparator.comparingDouble((JsonNode v) -> v.asDouble()).reversed()).toList();
    assertThat(plywoodRows.size()).as(what + " rows: " + plywoodRows).isEqualTo(Math.min(limit, direct.size()));
    for (int i = 0; i < plywoodRows.size(); i++) {
      JsonNode row = plywoodRows.get(i);
      String k = key(row, plywoodKey);
      assertNumber(what + " sort value #" + i + " (" + k + ")", row.get(plywoodSort), sorted.get(i));
      assertThat(direct).as(what + ": group " + k + " of plywood's row " + row).containsKey(k);
      for (int p = 0; p < fieldPairs.length; p += 2) {
        assertNumber(what + " " + k + " " + fieldPairs[p], row.get(fieldPairs[p]),
            direct.get(k).get(fieldPairs[p + 1]));
      }
    }
  }

  private static long count(Predicate<Row> p) {
    return rows.stream().filter(p).count();
  }

  private static long added(Predicate<Row> p) {
    return rows.stream().filter(p).mapToLong(Row::added).sum();
  }

  // ---- the questions ----

  @Test
  void everyQuestionIsCheckedOrListedAsRefused() {
    Set<String> expected = new TreeSet<>(CHECKED);
    expected.addAll(REFUSED.keySet());
    assertThat(new TreeSet<>(answers.keySet())).as(nodeOutput).isEqualTo(expected);
  }

  @Test
  void introspectionSeesTheColumnsWithTheirTypes() {
    Map<String, String> types = new TreeMap<>();
    for (JsonNode a : answered("introspect")) {
      types.put(a.get("name").asText(), a.get("type").asText());
    }
    assertThat(types).containsEntry("time", "TIME").containsEntry("channel", "STRING")
        .containsEntry("page", "STRING").containsEntry("user", "STRING").containsEntry("countryName", "STRING")
        .containsEntry("isRobot", "STRING").containsEntry("added", "NUMBER").containsEntry("deleted", "NUMBER");
    // The metrics are rolled-up aggregates to plywood (it reads them from segmentMetadata's aggregators).
    for (JsonNode a : answered("introspect")) {
      if (a.get("name").asText().equals("added")) {
        assertThat(a.path("unsplitable").asBoolean()).as(a.toString()).isTrue();
      }
    }
  }

  @Test
  void timeRange() throws Exception {
    JsonNode r = answered("timeRange");
    JsonNode tb = query("{\"queryType\":\"timeBoundary\",\"dataSource\":\"" + DS + "\"}").get(0).get("result");
    assertThat(Instant.parse(datum(r).get("MinTime").asText())).isEqualTo(Instant.parse(tb.get("minTime").asText()));
    assertThat(Instant.parse(datum(r).get("MaxTime").asText())).isEqualTo(Instant.parse(tb.get("maxTime").asText()));
    assertThat(Instant.parse(datum(r).get("MinTime").asText())).isEqualTo(rows.get(0).ts());
    assertThat(Instant.parse(r.at("/interval/start").asText())).isEqualTo(START);
    assertThat(Instant.parse(r.at("/interval/end").asText())).isEqualTo(END);
  }

  @Test
  void totals() throws Exception {
    JsonNode p = datum(answered("totals"));
    JsonNode d = query("""
        {"queryType":"timeseries","dataSource":"%s",%s,"granularity":"all",
         "aggregations":[{"type":"count","name":"rows"},{"type":"longSum","name":"added","fieldName":"added"},
                         {"type":"longSum","name":"deleted","fieldName":"deleted"}]}""".formatted(DS, INTERVALS))
        .get(0).get("result");
    assertNumber("Count", p.get("Count"), d.get("rows"));
    assertNumber("Added", p.get("Added"), d.get("added"));
    assertNumber("Deleted", p.get("Deleted"), d.get("deleted"));
    assertNumber("Count vs the rows", p.get("Count"), rows.size());
    assertNumber("Added vs the rows", p.get("Added"), added(r -> true));
    assertNumber("Deleted vs the rows", p.get("Deleted"), rows.stream().mapToLong(Row::deleted).sum());
  }

  private static Map<String, JsonNode> groupAll(String dimensions, String aggregations, String filter)
      throws Exception {
    JsonNode r = query("""
        {"queryType":"groupBy","dataSource":"%s",%s,"granularity":"all","dimensions":%s,%s"aggregations":%s}"""
        .formatted(DS, INTERVALS, dimensions, filter == null ? "" : "\"filter\":" + filter + ",", aggregations));
    List<String> names = new ArrayList<>();
    for (JsonNode d : Json.MAPPER.readTree(dimensions)) {
      names.add(d.isTextual() ? d.asText() : d.get("outputName").asText());
    }
    return events(r, names.toArray(String[]::new));
  }

  private static final String COUNT_ADDED = "[{\"type\":\"count\",\"name\":\"rows\"},"
      + "{\"type\":\"longSum\",\"name\":\"added\",\"fieldName\":\"added\"}]";

  @Test
  void topChannelsByAdded() throws Exception {
    JsonNode p = split(datum(answered("topChannelsByAdded")), "Channels");
    Map<String, JsonNode> d = groupAll("[\"channel\"]", COUNT_ADDED, null);
    assertTopDescending("channels", p, new String[] {"Channel"}, d, "Added", "added", 5,
        "Count", "rows", "Added", "added");
  }

  @Test
  void countriesAlphabetical() throws Exception {
    JsonNode p = split(datum(answered("countriesAlphabetical")), "Countries");
    // A groupBy orders its groups by the dimension, lexicographically, with null (no country) first, as the topN.
    JsonNode d = query("""
        {"queryType":"groupBy","dataSource":"%s",%s,"granularity":"all","dimensions":["countryName"],
         "aggregations":[{"type":"count","name":"rows"}],
         "limitSpec":{"type":"default","limit":4,"columns":[{"dimension":"countryName","direction":"ascending",
           "dimensionOrder":"lexicographic"}]}}""".formatted(DS, INTERVALS));
    assertThat(p.size()).isEqualTo(4);
    for (int i = 0; i < 4; i++) {
      JsonNode e = d.get(i).get("event");
      assertThat(key(p.get(i), "Country")).as("country #" + i).isEqualTo(key(e, "countryName"));
      assertNumber("count of " + key(e, "countryName"), p.get(i).get("Count"), e.get("rows"));
    }
    assertThat(key(p.get(0), "Country")).as("rows without a country come first").isEqualTo("null");
    assertNumber("rows without a country", p.get(0).get("Count"), count(r -> r.countryName() == null));
  }

  @Test
  void channelByRobot() throws Exception {
    JsonNode p = split(datum(answered("channelByRobot")), "Splits");
    Map<String, JsonNode> d = groupAll("[\"channel\",\"isRobot\"]", COUNT_ADDED, null);
    assertTopDescending("channel x robot", p, new String[] {"Channel", "Robot"}, d, "Added", "added", 10,
        "Count", "rows", "Added", "added");
  }

  private static JsonNode totalsWhere(String filter) throws Exception {
    return query("""
        {"queryType":"timeseries","dataSource":"%s",%s,"granularity":"all","filter":%s,"aggregations":%s}"""
        .formatted(DS, INTERVALS, filter, COUNT_ADDED)).get(0).get("result");
  }

  @Test
  void filterChannelIs() throws Exception {
    JsonNode p = datum(answered("filterChannelIs"));
    JsonNode d = totalsWhere("{\"type\":\"equals\",\"column\":\"channel\",\"matchValueType\":\"STRING\","
        + "\"matchValue\":\"" + EN + "\"}");
    assertNumber("Count", p.get("Count"), d.get("rows"));
    assertNumber("Added", p.get("Added"), d.get("added"));
    assertNumber("Count vs the rows", p.get("Count"), count(r -> r.channel().equals(EN)));
    assertNumber("Added vs the rows", p.get("Added"), added(r -> r.channel().equals(EN)));
  }

  @Test
  void filterCountriesIn() throws Exception {
    JsonNode p = split(datum(answered("filterCountriesIn")), "Countries");
    Map<String, JsonNode> d = groupAll("[\"countryName\"]", COUNT_ADDED, """
        {"type":"or","fields":[{"type":"selector","dimension":"countryName","value":"United States"},
                               {"type":"selector","dimension":"countryName","value":"France"}]}""");
    assertThat(d.keySet()).containsExactlyInAnyOrderElementsOf(IN_COUNTRIES);
    assertTopDescending("countries in", p, new String[] {"Country"}, d, "Count", "rows", 10,
        "Count", "rows", "Added", "added");
    for (String country : IN_COUNTRIES) {
      assertNumber("rows of " + country, d.get(country).get("rows"), count(r -> country.equals(r.countryName())));
    }
  }

  @Test
  void filterPageContains() throws Exception {
    JsonNode p = datum(answered("filterPageContains"));
    // Case-insensitive "contains", as a like on the lower-cased page.
    JsonNode d = totalsWhere("{\"type\":\"like\",\"dimension\":\"page\",\"pattern\":\"%talk%\","
        + "\"extractionFn\":{\"type\":\"lower\"}}");
    assertNumber("Count", p.get("Count"), d.get("rows"));
    assertNumber("Added", p.get("Added"), d.get("added"));
    Predicate<Row> talk = r -> r.page().toLowerCase(java.util.Locale.ROOT).contains("talk");
    assertNumber("Count vs the rows", p.get("Count"), count(talk));
    assertNumber("Added vs the rows", p.get("Added"), added(talk));
  }

  @Test
  void filterUserRegex() throws Exception {
    JsonNode p = datum(answered("filterUserRegex"));
    // ^[A-M]: the users from "A" (inclusive) to "N" (exclusive), lexicographically.
    JsonNode d = totalsWhere("{\"type\":\"bound\",\"dimension\":\"user\",\"lower\":\"A\",\"upper\":\"N\","
        + "\"upperStrict\":true,\"ordering\":\"lexicographic\"}");
    assertNumber("Count", p.get("Count"), d.get("rows"));
    assertNumber("Added", p.get("Added"), d.get("added"));
    Predicate<Row> am = r -> r.user().matches("^[A-M].*");
    assertNumber("Count vs the rows", p.get("Count"), count(am));
    assertNumber("Added vs the rows", p.get("Added"), added(am));
  }

  @Test
  void filterAddedAtLeast() throws Exception {
    JsonNode p = datum(answered("filterAddedAtLeast"));
    JsonNode d = totalsWhere("{\"type\":\"range\",\"column\":\"added\",\"matchValueType\":\"LONG\",\"lower\":100}");
    assertNumber("Count", p.get("Count"), d.get("rows"));
    assertNumber("Added", p.get("Added"), d.get("added"));
    assertNumber("Count vs the rows", p.get("Count"), count(r -> r.added() >= 100));
    assertNumber("Added vs the rows", p.get("Added"), added(r -> r.added() >= 100));
  }

  @Test
  void byHourUtc() throws Exception {
    JsonNode p = split(datum(answered("byHourUtc")), "Hours");
    JsonNode d = query("""
        {"queryType":"timeseries","dataSource":"%s",%s,"granularity":"hour","aggregations":%s}"""
        .formatted(DS, INTERVALS, COUNT_ADDED));
    List<JsonNode> buckets = new ArrayList<>();
    d.forEach(b -> {
      if (b.at("/result/rows").asLong() > 0) {
        buckets.add(b);
      }
    });
    assertThat(buckets).hasSize(48);
    assertThat(p.size()).isEqualTo(buckets.size());
    for (int i = 0; i < p.size(); i++) {
      JsonNode row = p.get(i);
      Instant start = Instant.parse(row.at("/Hour/start").asText());
      assertThat(start).as("hour #" + i).isEqualTo(Instant.parse(buckets.get(i).get("timestamp").asText()));
      assertThat(Instant.parse(row.at("/Hour/end").asText())).isEqualTo(start.plus(Duration.ofHours(1)));
      assertNumber("Count at " + start, row.get("Count"), buckets.get(i).at("/result/rows"));
      assertNumber("Added at " + start, row.get("Added"), buckets.get(i).at("/result/added"));
    }
  }

  @Test
  void topHoursByCount() throws Exception {
    // plywood sends a topN on __time through timeFormat "yyyy-MM-dd'T'HH:mm:ss'Z" (the unterminated quote is a
    // literal Z, as in Joda); each of its three hours must have the count an hourly timeseries gives it, and no hour
    // may have more than the third.
    JsonNode p = split(datum(answered("topHoursByCount")), "Hours");
    JsonNode d = query("""
        {"queryType":"timeseries","dataSource":"%s",%s,"granularity":"hour","aggregations":%s}"""
        .formatted(DS, INTERVALS, COUNT_ADDED));
    Map<Instant, Long> counts = new java.util.HashMap<>();
    d.forEach(b -> counts.put(Instant.parse(b.get("timestamp").asText()), b.at("/result/rows").asLong()));
    assertThat(p.size()).isEqualTo(3);
    long last = Long.MAX_VALUE;
    for (JsonNode row : p) {
      Instant start = Instant.parse(row.at("/Hour/start").asText());
      long count = row.get("Count").asLong();
      assertThat(count).as("count of " + start).isEqualTo(counts.get(start));
      assertThat(count).isLessThanOrEqualTo(last);
      last = count;
    }
    long third = last;
    assertThat(counts.values().stream().filter(c -> c > third).count()).isLessThanOrEqualTo(2);
  }

  @Test
  void byDayLosAngeles() throws Exception {
    JsonNode p = split(datum(answered("byDayLosAngeles")), "Days");
    // Days in Los Angeles as a groupBy on the local date of each row.
    Map<String, JsonNode> d = groupAll("""
        [{"type":"extraction","dimension":"__time","outputName":"day",
          "extractionFn":{"type":"timeFormat","format":"yyyy-MM-dd","timeZone":"America/Los_Angeles"}}]""",
        COUNT_ADDED, null);
    assertThat(d.keySet()).containsExactly("2019-12-31", "2020-01-01", "2020-01-02");
    assertThat(p.size()).isEqualTo(d.size());
    List<String> days = new ArrayList<>();
    for (JsonNode row : p) {
      Instant start = Instant.parse(row.at("/Day/start").asText());
      assertThat(start.atZone(LA).toLocalTime()).as("a day starts at local midnight")
          .isEqualTo(java.time.LocalTime.MIDNIGHT);
      assertThat(Instant.parse(row.at("/Day/end").asText())).isEqualTo(start.atZone(LA).plusDays(1).toInstant());
      String day = start.atZone(LA).toLocalDate().toString();
      days.add(day);
      assertNumber("Count on " + day, row.get("Count"), d.get(day).get("rows"));
      assertNumber("Added on " + day, row.get("Added"), d.get(day).get("added"));
    }
    assertThat(days).containsExactlyElementsOf(d.keySet());
  }

  @Test
  void averageAdded() throws Exception {
    JsonNode p = datum(answered("averageAdded"));
    JsonNode d = query("""
        {"queryType":"timeseries","dataSource":"%s",%s,"granularity":"all",
         "aggregations":[{"type":"doubleMean","name":"mean","fieldName":"added"}]}""".formatted(DS, INTERVALS))
        .get(0).get("result");
    assertNumber("AvgAdded", p.get("AvgAdded"), d.get("mean"));
    assertNumber("AddedPerEdit", p.get("AddedPerEdit"), d.get("mean"));
    assertThat(p.get("AvgAdded").asDouble()).isCloseTo((double) added(r -> true) / rows.size(), within(1e-9));
  }

  @Test
  void filteredMeasureByCountry() throws Exception {
    JsonNode p = split(datum(answered("filteredMeasureByCountry")), "Countries");
    Map<String, JsonNode> d = groupAll("[\"countryName\"]", """
        [{"type":"longSum","name":"added","fieldName":"added"},
         {"type":"filtered","name":"enAdded","filter":{"type":"in","dimension":"channel","values":["%s"]},
          "aggregator":{"type":"longSum","name":"enAdded","fieldName":"added"}}]""".formatted(EN), null);
    assertTopDescending("countries", p, new String[] {"Country"}, d, "Added", "added", 5,
        "Added", "added", "ChannelAdded", "enAdded");
  }

  @Test
  void byPageFirstLetter() throws Exception {
    JsonNode p = split(datum(answered("byPageFirstLetter")), "Letters");
    JsonNode r = query("""
        {"queryType":"groupBy","dataSource":"%s",%s,"granularity":"all",
         "virtualColumns":[{"type":"expression","name":"first","expression":"substring(\\"page\\", 0, 1)",
           "outputType":"STRING"}],
         "dimensions":["first"],"aggregations":[{"type":"count","name":"rows"}]}""".formatted(DS, INTERVALS));
    Map<String, JsonNode> d = events(r, "first");
    assertTopDescending("first letters", p, new String[] {"Letter"}, d, "Count", "rows", 5, "Count", "rows");
  }

  @Test
  void byHourOfDayLosAngeles() throws Exception {
    JsonNode p = split(datum(answered("byHourOfDayLosAngeles")), "HoursOfDay");
    JsonNode r = query("""
        {"queryType":"groupBy","dataSource":"%s",%s,"granularity":"all",
         "virtualColumns":[{"type":"expression","name":"h",
           "expression":"timestamp_extract(\\"__time\\", 'HOUR', 'America/Los_Angeles')","outputType":"LONG"}],
         "dimensions":[{"type":"default","dimension":"h","outputName":"h","outputType":"LONG"}],
         "aggregations":[{"type":"count","name":"rows"}]}""".formatted(DS, INTERVALS));
    Map<String, JsonNode> d = events(r, "h");
    assertThat(d).hasSize(24);
    assertThat(p.size()).isEqualTo(24);
    for (int i = 0; i < 24; i++) {
      JsonNode row = p.get(i);
      assertThat(row.get("HourOfDay").asInt()).as("hours in order").isEqualTo(i);
      assertNumber("Count at " + i + "h", row.get("Count"), d.get(String.valueOf(i)).get("rows"));
      final int hour = i;
      assertNumber("Count at " + i + "h vs the rows", row.get("Count"),
          count(x -> x.ts().atZone(LA).getHour() == hour));
    }
  }

  @Test
  void topChannelsThenByDay() throws Exception {
    JsonNode p = split(datum(answered("topChannelsThenByDay")), "Channels");
    Map<String, JsonNode> totals = groupAll("[\"channel\"]", COUNT_ADDED, null);
    assertTopDescending("channels", p, new String[] {"Channel"}, totals, "Added", "added", 3, "Added", "added");
    // Per channel and UTC day: a groupBy with day granularity.
    JsonNode r = query("""
        {"queryType":"groupBy","dataSource":"%s",%s,"granularity":"day","dimensions":["channel"],
         "aggregations":[{"type":"longSum","name":"added","fieldName":"added"}]}""".formatted(DS, INTERVALS));
    Map<String, Long> byChannelDay = new HashMap<>();
    for (JsonNode row : r) {
      byChannelDay.put(row.at("/event/channel").asText() + "|" + Instant.parse(row.get("timestamp").asText()),
          row.at("/event/added").asLong());
    }
    for (JsonNode channel : p) {
      JsonNode days = split(channel, "Days");
      String name = channel.get("Channel").asText();
      assertThat(days.size()).as(name + " days").isEqualTo(2);
      for (int i = 0; i < 2; i++) {
        Instant day = START.plus(Duration.ofDays(i));
        assertThat(Instant.parse(days.get(i).at("/Day/start").asText())).isEqualTo(day);
        assertNumber(name + " on " + day, days.get(i).get("Added"), byChannelDay.get(name + "|" + day));
      }
    }
  }

  @Test
  void previousPeriod() throws Exception {
    JsonNode p = datum(answered("previousPeriod"));
    JsonNode d = query("""
        {"queryType":"timeseries","dataSource":"%s",%s,"granularity":"day",
         "aggregations":[{"type":"longSum","name":"added","fieldName":"added"}]}""".formatted(DS, INTERVALS));
    assertThat(d.size()).isEqualTo(2);
    assertNumber("Previous (the first day)", p.get("Previous"), d.get(0).at("/result/added"));
    assertNumber("Current (the second day)", p.get("Current"), d.get(1).at("/result/added"));
    Instant middle = START.plus(Duration.ofDays(1));
    assertNumber("Previous vs the rows", p.get("Previous"), added(r -> r.ts().isBefore(middle)));
  }

  @Test
  void channelsWithAddedOver() throws Exception {
    JsonNode p = split(datum(answered("channelsWithAddedOver")), "Channels");
    Map<String, JsonNode> all = groupAll("[\"channel\"]", COUNT_ADDED, null);
    Map<String, JsonNode> over = new LinkedHashMap<>();
    all.forEach((k, v) -> {
      if (v.get("added").asLong() > havingAddedOver) {
        over.put(k, v);
      }
    });
    assertThat(over).as("the threshold keeps some channels and drops some").isNotEmpty().hasSizeLessThan(all.size());
    assertTopDescending("channels over " + havingAddedOver, p, new String[] {"Channel"}, over, "Added", "added", 10,
        "Added", "added");
  }

  @Test
  void distinctUsersHllSketch() throws Exception {
    JsonNode p = datum(answered("distinctUsersHllSketch"));
    // Exact distinct users, as groups of a groupBy (an HLL sketch is exact on this few values).
    Map<String, JsonNode> users = groupAll("[\"user\"]", "[{\"type\":\"count\",\"name\":\"rows\"}]", null);
    assertNumber("Users", p.get("Users"), users.size());
    assertNumber("Users vs the rows", p.get("Users"), rows.stream().map(Row::user).distinct().count());
    Map<String, JsonNode> channelUsers = groupAll("[\"channel\",\"user\"]", "[{\"type\":\"count\",\"name\":\"rows\"}]",
        null);
    Map<String, JsonNode> perChannel = new TreeMap<>();
    Map<String, Long> distinct = new TreeMap<>();
    channelUsers.keySet().forEach(k -> distinct.merge(k.substring(0, k.indexOf('|')), 1L, Long::sum));
    distinct.forEach((channel, n) -> perChannel.put(channel,
        Json.MAPPER.createObjectNode().put("channel", channel).put("users", n)));
    assertTopDescending("users per channel", split(p, "Channels"), new String[] {"Channel"}, perChannel, "Users",
        "users", 3, "Users", "users");
  }

  @Test
  void countDistinctUsers() throws Exception {
    // plywood's countDistinct on a plain string column is Druid's `cardinality` aggregator (Druid's own HyperLogLog).
    JsonNode p = datum(answered("countDistinctUsers"));
    long exact = groupAll("[\"user\"]", "[{\"type\":\"count\",\"name\":\"rows\"}]", null).size();
    assertThat(exact).isEqualTo(rows.stream().map(Row::user).distinct().count());
    assertThat(p.get("Users").asDouble()).as("approximately the distinct users").isCloseTo(exact, within(exact * 0.05));
    // Asked directly: the cardinality of the user column over the interval, rounded.
    JsonNode d = query("""
        {"queryType":"timeseries","dataSource":"%s",%s,"granularity":"all",
         "aggregations":[{"type":"cardinality","name":"users","fields":["user"],"round":true}]}"""
        .formatted(DS, INTERVALS)).get(0).get("result");
    assertNumber("Users", p.get("Users"), d.get("users"));
  }

  @Test
  void questionsStrataRefusesTodayStillFailWithA400() throws Exception {
    for (Map.Entry<String, String> refused : REFUSED.entrySet()) {
      String name = refused.getKey();
      JsonNode answer = answers.get(name);
      assertThat(answer).as(name + " was not asked").isNotNull();
      assertThat(answer.get("error").isNull())
          .as("%s is answered now: check its answer in a test of its own and take it off REFUSED (plywood said %s)",
              name, answer.get("plywood"))
          .isFalse();
      assertThat(answer.get("error").asText()).as(name).contains(refused.getValue());
      // The query plywood sent last is the one refused: sent directly, it gets a 400 that says why.
      JsonNode queries = answer.get("druidQueries");
      assertThat(queries.size()).as(name + " sent no query").isPositive();
      ObjectNode last = (ObjectNode) queries.get(queries.size() - 1).deepCopy();
      TestServer.Reply reply = server.post("/druid/v2/", Json.MAPPER.writeValueAsString(last));
      assertThat(reply.status()).as(name + ": " + reply.body()).isEqualTo(400);
      assertThat(reply.json().get("errorMessage").asText()).as(name).contains(refused.getValue());
    }
  }
}
