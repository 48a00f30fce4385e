package io.strata.input;

import io.strata.api.error.InvalidInputException;
import io.strata.api.input.InputRow;
import io.strata.api.input.ParseException;
import io.strata.api.json.Json;
import io.strata.api.spec.FlattenSpec;
import io.strata.api.spec.InputFormatSpec;
import io.strata.api.spec.TimestampSpec;
import io.strata.api.time.DateTimes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonInputFormatTest {
  private static final InputFormatSpec.JsonFormat JSON = new InputFormatSpec.JsonFormat(null, null);
  private static final TimestampSpec TS = TimestampSpec.defaults();

  /** The five events of the seed tutorial. */
  static final String WIKIPEDIA = """
      {"timestamp": "2013-08-31T01:02:33Z", "page": "Gypsy Danger", "language" : "en", "user" : "nuclear", "unpatrolled" : "true", "newPage" : "true", "robot": "false", "anonymous": "false", "namespace":"article", "continent":"North America", "country":"United States", "region":"Bay Area", "city":"San Francisco", "added": 57, "deleted": 200, "delta": -143}
      {"timestamp": "2013-08-31T03:32:45Z", "page": "Striker Eureka", "language" : "en", "user" : "speed", "unpatrolled" : "false", "newPage" : "true", "robot": "true", "anonymous": "false", "namespace":"wikipedia", "continent":"Australia", "country":"Australia", "region":"Cantebury", "city":"Syndey", "added": 459, "deleted": 129, "delta": 330}
      {"timestamp": "2013-08-31T07:11:21Z", "page": "Cherno Alpha", "language" : "ru", "user" : "masterYi", "unpatrolled" : "false", "newPage" : "true", "robot": "true", "anonymous": "false", "namespace":"article", "continent":"Asia", "country":"Russia", "region":"Oblast", "city":"Moscow", "added": 123, "deleted": 12, "delta": 111}
      {"timestamp": "2013-08-31T11:58:39Z", "page": "Crimson Typhoon", "language" : "zh", "user" : "triplets", "unpatrolled" : "true", "newPage" : "false", "robot": "true", "anonymous": "false", "namespace":"wikipedia", "continent":"Asia", "country":"China", "region":"Shanxi", "city":"Taiyuan", "added": 905, "deleted": 5, "delta": 900}
      {"timestamp": "2013-08-31T12:41:27Z", "page": "Coyote Tango", "language" : "ja", "user" : "stringer", "unpatrolled" : "true", "newPage" : "false", "robot": "true", "anonymous": "false", "namespace":"wikipedia", "continent":"Asia", "country":"Japan", "region":"Kanto", "city":"Tokyo", "added": 1, "deleted": 10, "delta": -9}
      """;

  @Test
  void readsTheTutorialEvents() {
    Rows.Result r = Rows.read(JSON, TS, WIKIPEDIA);
    assertThat(r.errors()).isEmpty();
    assertThat(r.rows()).hasSize(5);
    InputRow first = r.row(0);
    assertThat(first.timestamp()).isEqualTo(DateTimes.parseIso("2013-08-31T01:02:33Z"));
    assertThat(first.fieldNames()).containsExactly("timestamp", "page", "language", "user", "unpatrolled", "newPage",
        "robot", "anonymous", "namespace", "continent", "country", "region", "city", "added", "deleted", "delta");
    assertThat(first.get("page")).isEqualTo("Gypsy Danger");
    assertThat(first.get("timestamp")).isEqualTo("2013-08-31T01:02:33Z");
    assertThat(first.get("added")).isEqualTo(57L);
    assertThat(first.get("delta")).isEqualTo(-143L);
    assertThat(first.get("missing")).isNull();
    assertThat(r.rows()).extracting(row -> DateTimes.format(row.timestamp())).containsExactly(
        "2013-08-31T01:02:33.000Z", "2013-08-31T03:32:45.000Z", "2013-08-31T07:11:21.000Z",
        "2013-08-31T11:58:39.000Z", "2013-08-31T12:41:27.000Z");
    assertThat(r.bytesRead()).isEqualTo(WIKIPEDIA.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void valueTypes() {
    Rows.Result r = Rows.read(JSON, TS, """
        {"timestamp":1000,"i":1,"big":123456789012345678901234567890,"d":1.5,"e":1e3,"b":true,"f":false,\
        "s":"x","n":null,"l":["a",1,2.5,null,true],"nested":{"a":1},"deep":[[1],[2]],"objs":[{"a":1}],"empty":[]}
        """);
    assertThat(r.errors()).isEmpty();
    InputRow row = r.row(0);
    assertThat(row.timestamp()).isEqualTo(1000L);
    assertThat(row.get("i")).isEqualTo(1L);
    assertThat(row.get("big")).isEqualTo(1.2345678901234568E29);
    assertThat(row.get("d")).isEqualTo(1.5);
    assertThat(row.get("e")).isEqualTo(1000.0);
    assertThat(row.get("b")).isEqualTo(true);
    assertThat(row.get("f")).isEqualTo(false);
    assertThat(row.get("s")).isEqualTo("x");
    assertThat(row.get("l")).isEqualTo(Arrays.asList("a", 1L, 2.5, null, true));
    assertThat(row.get("empty")).isEqualTo(List.of());
    // Nested objects, lists of lists and lists of objects are not discovered; nulls only with keepNullColumns.
    assertThat(row.fieldNames()).containsExactly("timestamp", "i", "big", "d", "e", "b", "f", "s", "l", "empty");

    Rows.Result keep = Rows.read(new InputFormatSpec.JsonFormat(null, true), TS, "{\"timestamp\":1,\"n\":null}");
    assertThat(keep.row(0).fieldNames()).containsExactly("timestamp", "n");
  }

  @Test
  void badLinesAreCountedAndLaterLinesStillRead() {
    String data = """
        {"timestamp":"2013-08-31T01:02:33Z","page":"a"}

        {"timestamp":"2013-08-31T01:02:34Z","page":
        not json at all
        [1,2,3]
        "a string"
        {"timestamp":"2013-08-31T01:02:35Z","page":"b"} {"timestamp":"2013-08-31T01:02:36Z","page":"c"}
        {"timestamp":"2013-08-31T01:02:37Z","page":"d"} 42
        {"page":"no time"}
        {"timestamp":"yesterday","page":"bad time"}
        {"timestamp":"2013-08-31T01:02:38Z","page":"e"}
        """;
    Rows.Result r = Rows.read(JSON, TS, data);
    assertThat(r.rows()).extracting(row -> row.get("page")).containsExactly("a", "b", "c", "e");
    assertThat(r.errors()).hasSize(7);
    assertThat(r.errors()).allSatisfy(e -> assertThat(e.unparseable()).isTrue());
    assertThat(r.errors().get(0).input()).isEqualTo("{\"timestamp\":\"2013-08-31T01:02:34Z\",\"page\":");
    assertThat(r.errors().get(0)).hasMessageStartingWith("Unable to parse row [{\"timestamp\"");
    assertThat(r.errors().get(1).input()).isEqualTo("not json at all");
    assertThat(r.errors().get(2)).hasMessageContaining("expected a JSON object but found an array");
    assertThat(r.errors().get(3)).hasMessageContaining("found a string");
    assertThat(r.errors().get(4)).hasMessageContaining("found a number");
    assertThat(r.errors().get(5))
        .hasMessage("Timestamp[null] is unparseable! Event: {page=no time}");
    assertThat(r.errors().get(5).input()).isEqualTo("{\"page\":\"no time\"}");
    assertThat(r.errors().get(6))
        .hasMessage("Timestamp[yesterday] is unparseable! Event: {timestamp=yesterday, page=bad time}");
  }

  @Test
  void missingTimestampUsesMissingValue() {
    TimestampSpec spec = new TimestampSpec("time", "auto", "2000-01-01T01:02:03.456");
    Rows.Result r = Rows.read(JSON, spec, "{\"page\":\"a\"}\n{\"time\":null,\"page\":\"b\"}\n{\"time\":5,\"page\":\"c\"}");
    assertThat(r.errors()).isEmpty();
    assertThat(r.rows()).extracting(InputRow::timestamp)
        .containsExactly(DateTimes.parseIso("2000-01-01T01:02:03.456"), DateTimes.parseIso("2000-01-01T01:02:03.456"),
            5L);
  }

  @Test
  void seedFlattenSpecReadsNestedUserId() throws Exception {
    FlattenSpec flatten = Json.MAPPER.readValue("""
        {"useFieldDiscovery": true,
         "fields": [{"type": "path", "name": "userId", "expr": "$.user.id"}]}""", FlattenSpec.class);
    Rows.Result r = Rows.read(new InputFormatSpec.JsonFormat(flatten, null), TS, """
        {"timestamp":"2013-08-31T01:02:33Z","page":"Gypsy Danger","language":"en","user":{"id":12345,"name":"nuclear"},"added":57}
        {"timestamp":"2013-08-31T03:32:45Z","page":"Striker Eureka","language":"en","user":{"name":"speed"},"added":459}
        """);
    assertThat(r.errors()).isEmpty();
    InputRow first = r.row(0);
    assertThat(first.fieldNames()).containsExactly("timestamp", "page", "language", "added", "userId");
    assertThat(first.get("userId")).isEqualTo(12345L);
    assertThat(first.get("user")).isNull();
    assertThat(r.row(1).get("userId")).isNull();
    assertThat(r.row(1).fieldNames()).contains("userId");
  }

  @Test
  void everyFlattenFieldType() throws Exception {
    FlattenSpec flatten = Json.MAPPER.readValue("""
        {"useFieldDiscovery": false, "fields": [
          {"type": "root", "name": "page"},
          {"type": "root", "name": "title", "expr": "page"},
          {"type": "path", "name": "firstTag", "expr": "$.tags[0]"},
          {"type": "path", "name": "allTags", "expr": "$.tags[*]"},
          {"type": "path", "name": "geo", "expr": "$.geo"},
          {"type": "jq", "name": "city", "expr": ".geo.city"},
          {"type": "jq", "name": "lastTag", "expr": ".tags[-1]"},
          {"type": "jq", "name": "odd", "expr": ".geo[\\"odd key\\"]"},
          {"type": "jq", "name": "odd2", "expr": ".geo.\\"odd key\\""},
          {"type": "tree", "name": "country", "nodes": ["geo", "country"]},
          {"type": "tree", "name": "nowhere", "nodes": ["page", "x"]}
        ]}""", FlattenSpec.class);
    Rows.Result r = Rows.read(new InputFormatSpec.JsonFormat(flatten, null), TS, """
        {"timestamp":"2013-08-31T01:02:33Z","page":"P","tags":["t1","t2","t3"],"geo":{"city":"Tokyo","country":"Japan","odd key":1},"other":"x"}
        """);
    assertThat(r.errors()).isEmpty();
    InputRow row = r.row(0);
    assertThat(row.timestamp()).isEqualTo(DateTimes.parseIso("2013-08-31T01:02:33Z"));
    // Without discovery only the spec's fields are fields; the timestamp is still read from the top level.
    assertThat(row.fieldNames()).containsExactly("page", "title", "firstTag", "allTags", "geo", "city", "lastTag",
        "odd", "odd2", "country", "nowhere");
    assertThat(row.get("page")).isEqualTo("P");
    assertThat(row.get("title")).isEqualTo("P");
    assertThat(row.get("firstTag")).isEqualTo("t1");
    assertThat(row.get("allTags")).isEqualTo(List.of("t1", "t2", "t3"));
    assertThat(row.get("geo")).isEqualTo("{\"city\":\"Tokyo\",\"country\":\"Japan\",\"odd key\":1}");
    assertThat(row.get("city")).isEqualTo("Tokyo");
    assertThat(row.get("lastTag")).isEqualTo("t3");
    assertThat(row.get("odd")).isEqualTo(1L);
    assertThat(row.get("odd2")).isEqualTo(1L);
    assertThat(row.get("country")).isEqualTo("Japan");
    assertThat(row.get("nowhere")).isNull();
    assertThat(row.get("other")).isNull();
  }

  @Test
  void rootFieldsAloneStayOnTheStreamingPath() throws Exception {
    FlattenSpec flatten = Json.MAPPER.readValue("""
        {"fields": [{"type": "root", "name": "geoText", "expr": "geo"}, {"type": "root", "name": "absent"}]}""",
        FlattenSpec.class);
    Rows.Result r = Rows.read(new InputFormatSpec.JsonFormat(flatten, null), TS,
        "{\"timestamp\":1,\"geo\":{\"city\":\"Tokyo\"},\"page\":\"P\"}");
    InputRow row = r.row(0);
    assertThat(row.fieldNames()).containsExactly("timestamp", "page", "geoText", "absent");
    assertThat(row.get("geoText")).isEqualTo("{\"city\":\"Tokyo\"}");
  }

  @Test
  void badPathsAreInvalidSpecs() throws Exception {
    FlattenSpec badJq = Json.MAPPER.readValue("""
        {"fields": [{"type": "jq", "name": "x", "expr": ".a | length"}]}""", FlattenSpec.class);
    assertThatThrownBy(() -> InputFormats.open(new InputFormatSpec.JsonFormat(badJq, null), TS, Rows.inline("{}")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("flattenSpec field [x]");
    FlattenSpec badPath = Json.MAPPER.readValue("""
        {"fields": [{"type": "path", "name": "y", "expr": "$.a[?(@.b"}]}""", FlattenSpec.class);
    assertThatThrownBy(() -> InputFormats.open(new InputFormatSpec.JsonFormat(badPath, null), TS, Rows.inline("{}")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("flattenSpec field [y]");
  }

  @Test
  void jqTranslation() {
    assertThat(JqPaths.toJsonPath(".user.id")).isEqualTo("$['user']['id']");
    assertThat(JqPaths.toJsonPath(".a[0]")).isEqualTo("$['a'][0]");
    assertThat(JqPaths.toJsonPath(".a[]")).isEqualTo("$['a'][*]");
    assertThat(JqPaths.toJsonPath(".[\"it's\"]")).isEqualTo("$['it\\'s']");
    assertThat(JqPaths.toJsonPath(".")).isEqualTo("$");
    for (String bad : new String[]{"user.id", ".a.", ".a[x]", ".a[0", ".a | b", ".\"open"}) {
      assertThatThrownBy(() -> JqPaths.toJsonPath(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void lineEndingsByteOrderMarkAndLastLineWithoutNewline() {
    String data = "\uFEFF{\"timestamp\":1,\"a\":\"\u00e9\"}\r\n   \r\n{\"timestamp\":2}";
    Rows.Result r = Rows.read(JSON, TS, data);
    assertThat(r.errors()).isEmpty();
    assertThat(r.rows()).extracting(InputRow::timestamp).containsExactly(1L, 2L);
    assertThat(r.row(0).get("a")).isEqualTo("\u00e9");
    assertThat(r.bytesRead()).isEqualTo(data.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void nullFormatMeansJson() {
    Rows.Result r = Rows.read(null, null, "{\"timestamp\":\"2013-08-31\"}");
    assertThat(r.row(0).timestamp()).isEqualTo(DateTimes.parseIso("2013-08-31"));
  }

  @Test
  void parseExceptionIsNotThrownForGoodRowsAfterError() {
    // A row after a bad one must not carry anything over from the failure (pending objects, cached text).
    Rows.Result r = Rows.read(JSON, TS, "{\"timestamp\":1} {\"timestamp\":\n{\"timestamp\":3}\n");
    assertThat(r.errors()).hasSize(1).first().isInstanceOf(ParseException.class);
    assertThat(r.rows()).extracting(InputRow::timestamp).containsExactly(3L);
  }
}
