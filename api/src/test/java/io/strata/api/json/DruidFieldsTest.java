package io.strata.api.json;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks the catalogue of Druid's documented fields: every field of every kind is either read by the Strata type
 * (bound, so honoured — its meaning is tested with the feature) or refused with an error naming it; only fields that
 * tune Druid's machinery, and values equal to Druid's default, may pass unread.
 */
class DruidFieldsTest {
  private static Set<String> bound(Class<?> type) {
    JavaType t = Json.MAPPER.constructType(type);
    Set<String> names = new HashSet<>();
    for (BeanPropertyDefinition p : Json.MAPPER.getDeserializationConfig().introspect(t).findProperties()) {
      if (p.hasConstructorParameter() || p.hasSetter() || p.hasField()) {
        names.add(p.getName());
      }
    }
    return names;
  }

  private static Throwable read(Class<?> type, String json) {
    try {
      Json.MAPPER.readValue(json, type);
      return null;
    } catch (Exception e) {
      return e;
    }
  }

  private static InvalidInputException invalidInput(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof InvalidInputException e) {
        return e;
      }
    }
    return null;
  }

  @Test
  void everyDocumentedFieldIsHonouredOrRefused() throws Exception {
    List<String> refused = new ArrayList<>();
    for (DruidFields.Kind kind : DruidFields.kinds()) {
      assertThat(read(kind.type(), kind.minimalJson())).as("minimal %s", kind.label()).isNull();
      Set<String> bound = bound(kind.type());
      for (DruidFields.Field field : kind.fields()) {
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(kind.minimalJson());
        json.set(field.name(), Json.MAPPER.readTree(field.exampleJson()));
        Throwable error = read(kind.type(), json.toString());
        String what = kind.label() + " with " + field.name() + " = " + field.exampleJson();
        if (bound.contains(field.name()) || field.tuningOnly()) {
          assertThat(error).as("%s is read (or only tunes Druid), so it is accepted", what).isNull();
        } else {
          InvalidInputException e = invalidInput(error);
          assertThat(e).as("%s is not read by Strata, so it must be refused; got %s", what, error).isNotNull();
          assertThat(e.getMessage()).as(what).contains("[" + field.name() + "]").contains(kind.label());
          refused.add(kind.label() + "." + field.name());
          if (field.defaultJson() != null) {
            ObjectNode withDefault = (ObjectNode) Json.MAPPER.readTree(kind.minimalJson());
            withDefault.set(field.name(), Json.MAPPER.readTree(field.defaultJson()));
            assertThat(read(kind.type(), withDefault.toString())).as("%s at Druid's default", what).isNull();
          }
        }
      }
    }
    // What this walk found refused today; the list shrinks as features land (never by accepting and ignoring).
    assertThat(refused).as("every documented field is read now").isEmpty();
    assertThat(refused).doesNotContain("a groupBy query.subtotalsSpec", "a scan query.orderBy", "a topN query.virtualColumns", "a selector filter.extractionFn",
            "a dimSelector having spec.extractionFn");
  }

  @Test
  void fieldsDruidDoesNotKnowAreStillIgnored() {
    assertThat(read(io.strata.api.query.FilterSpec.class,
        "{\"type\":\"selector\",\"dimension\":\"page\",\"value\":\"a\",\"myAnnotation\":1}")).isNull();
    assertThat(read(io.strata.api.query.Query.class,
        "{\"queryType\":\"timeseries\",\"dataSource\":\"w\",\"intervals\":[\"2013/2014\"],\"comment\":\"x\"}"))
        .isNull();
  }

  @Test
  void aBadValueNestedDeepInAQueryIsNamed() {
    // Past parts that are read (virtual columns, a filter with a cascade extractionFn), a regex extraction whose
    // index has no group is refused, naming the field and the pattern.
    Throwable e = read(io.strata.api.query.Query.class, """
        {"queryType":"scan","dataSource":"w","intervals":["2013/2014"],
         "virtualColumns":[{"type":"expression","name":"v","expression":"upper(page)","outputType":"STRING"}],
         "filter":{"type":"and","fields":[{"type":"not","field":{"type":"in","dimension":"page","values":["a"],
           "extractionFn":{"type":"cascade","extractionFns":[{"type":"upper"},{"type":"regex","expr":"a",
             "index":1}]}}}]}}""");
    assertThat(invalidInput(e)).isNotNull();
    assertThat(invalidInput(e).getMessage()).contains("index [1]").contains("[a]");
  }

  @Test
  void contextParametersThatChangeTheAnswerAreRefusedUnlessAtTheirDefault() throws Exception {
    String[][] queries = {
        {"timeseries", "{\"queryType\":\"timeseries\",\"dataSource\":\"w\",\"intervals\":[\"2013/2014\"]"},
        {"groupBy", "{\"queryType\":\"groupBy\",\"dataSource\":\"w\",\"intervals\":[\"2013/2014\"],"
            + "\"granularity\":\"all\""},
        {"topN", "{\"queryType\":\"topN\",\"dataSource\":\"w\",\"intervals\":[\"2013/2014\"],"
            + "\"dimension\":\"page\",\"metric\":\"c\",\"threshold\":2,"
            + "\"aggregations\":[{\"type\":\"count\",\"name\":\"c\"}]"},
    };
    for (String[] q : queries) {
      for (java.util.Map.Entry<String, Object> flag : DruidFields.resultContext(q[0]).entrySet()) {
        String set = q[1] + ",\"context\":{\"" + flag.getKey() + "\":" + !((Boolean) flag.getValue()) + "}}";
        InvalidInputException e = invalidInput(read(io.strata.api.query.Query.class, set));
        assertThat(e).as("%s with %s", q[0], flag.getKey()).isNotNull();
        assertThat(e.getMessage()).contains("[" + flag.getKey() + "]");
        String atDefault = q[1] + ",\"context\":{\"" + flag.getKey() + "\":" + flag.getValue() + "}}";
        assertThat(read(io.strata.api.query.Query.class, atDefault)).as("%s at default", flag.getKey()).isNull();
      }
    }
    // Every context flag Druid defines that changes an answer is implemented now: none is refused.
    assertThat(DruidFields.resultContext("groupBy")).doesNotContainKeys("resultAsArray", "sortByDimsFirst",
        "serializeDateTimeAsLong", "finalize");
  }
}
