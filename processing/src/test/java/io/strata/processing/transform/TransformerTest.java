package io.strata.processing.transform;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.strata.api.error.InvalidInputException;
import io.strata.api.input.InputRow;
import io.strata.api.input.ParseException;
import io.strata.api.json.Json;
import io.strata.api.spec.TransformSpec;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransformerTest {
  private record Row(long timestamp, Map<String, Object> fields) implements InputRow {
    @Override
    public Object get(String field) {
      return fields.get(field);
    }

    @Override
    public Collection<String> fieldNames() {
      return fields.keySet();
    }
  }

  private static Row row(long t, Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return new Row(t, m);
  }

  private static Transformer transformer(String json) {
    try {
      return Transformer.create(Json.MAPPER.readValue(json.replace('\'', '"').replace('`', '\''),
          TransformSpec.class));
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void identityWhenEmpty() {
    Row r = row(1, "a", "x");
    assertThat(Transformer.create(null).transform(r)).isSameAs(r);
    assertThat(Transformer.create(TransformSpec.NONE).transform(r)).isSameAs(r);
    assertThat(Transformer.create(TransformSpec.NONE).isIdentity()).isTrue();
  }

  @Test
  void transformsShadowInputsAndReadTheirOwnInput() {
    Transformer t = transformer("{'transforms':["
        + "{'type':'expression','name':'channel','expression':'concat(`#`, channel)'},"
        + "{'type':'expression','name':'double','expression':'added * 2'},"
        + "{'type':'expression','name':'sees','expression':'double'}]}");
    InputRow out = t.transform(row(5, "channel", "en", "added", 21L, "other", "o"));
    assertThat(out.get("channel")).isEqualTo("#en");
    assertThat(out.get("double")).isEqualTo(42L);
    assertThat(out.get("sees")).isNull(); // transforms do not see each other's outputs
    assertThat(out.get("other")).isEqualTo("o");
    assertThat(out.get("added")).isEqualTo(21L);
    assertThat(out.timestamp()).isEqualTo(5L);
    assertThat(out.fieldNames()).containsExactly("channel", "added", "other");
  }

  @Test
  void bareIdentifierCopiesTheRawValue() {
    Transformer t = transformer("{'transforms':[{'type':'expression','name':'tags2','expression':'tags'}]}");
    InputRow out = t.transform(row(0, "tags", List.of("a", "b")));
    assertThat(out.get("tags2")).isEqualTo(List.of("a", "b"));
  }

  @Test
  void timeTransformReplacesTheTimestamp() {
    Transformer t = transformer("{'transforms':["
        + "{'type':'expression','name':'__time','expression':'timestamp_floor(__time, `PT1H`)'},"
        + "{'type':'expression','name':'orig','expression':'__time'}]}");
    InputRow out = t.transform(row(7_200_123L, "x", 1L));
    assertThat(out.timestamp()).isEqualTo(7_200_000L);
    assertThat(out.get("orig")).isEqualTo(7_200_123L);
    assertThat(out.get("__time")).isEqualTo(7_200_000L);

    Transformer parse = transformer("{'transforms':[{'type':'expression','name':'__time','expression':'ts'}]}");
    assertThat(parse.transform(row(0, "ts", "2000-01-01T00:00:01Z")).timestamp()).isEqualTo(946_684_801_000L);
    assertThatThrownBy(() -> parse.transform(row(0, "ts", "garbage"))).isInstanceOf(ParseException.class)
        .hasMessageContaining("__time");
    assertThatThrownBy(() -> parse.transform(row(0))).isInstanceOf(ParseException.class);
  }

  @Test
  void filterSeesTransformedValuesAndDropsRows() {
    Transformer t = transformer("{'transforms':[{'type':'expression','name':'country','expression':"
        + "'upper(country)'}],'filter':{'type':'selector','dimension':'country','value':'US'}}");
    assertThat(t.transform(row(0, "country", "us"))).isNotNull();
    assertThat(t.transform(row(0, "country", "fr"))).isNull();
    assertThat(t.transform(row(0))).isNull();

    Transformer onlyFilter = transformer("{'filter':{'type':'not','field':{'type':'selector','dimension':'x',"
        + "'value':'a'}}}");
    Row keep = row(0, "x", "b");
    assertThat(onlyFilter.transform(keep)).isSameAs(keep);
    assertThat(onlyFilter.transform(row(0, "x", "a"))).isNull();
    assertThat(onlyFilter.transform(row(0))).isNull(); // NOT(x = 'a') is unknown for a null x

    Transformer onTime = transformer("{'filter':{'type':'bound','dimension':'__time','ordering':'numeric',"
        + "'lower':'1000'}}");
    assertThat(onTime.transform(row(999))).isNull();
    assertThat(onTime.transform(row(1000))).isNotNull();
  }

  @Test
  void badSpecsFailUpFront() {
    assertThatThrownBy(() -> transformer("{'transforms':[{'type':'expression','name':'x','expression':'1 +'}]}"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("[1 +]");
    assertThatThrownBy(() -> transformer("{'transforms':[{'type':'expression','name':'x','expression':'1'},"
        + "{'type':'expression','name':'x','expression':'2'}]}"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("two transforms named [x]");
  }

  @Test
  void rowFailuresBecomeParseExceptions() {
    Transformer t = transformer("{'transforms':[{'type':'expression','name':'x','expression':"
        + "'regexp_extract(s, p)'}]}");
    assertThat(t.transform(row(0, "s", "abc", "p", "b+")).get("x")).isEqualTo("b");
    assertThatThrownBy(() -> t.transform(row(0, "s", "abc", "p", "(")))
        .isInstanceOf(ParseException.class).hasMessageContaining("transform [x]");
  }
}
