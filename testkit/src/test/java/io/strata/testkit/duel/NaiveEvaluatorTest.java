package io.strata.testkit.duel;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.input.InputRow;
import io.strata.api.json.Json;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.time.Interval;
import io.strata.input.MapInputRow;
import io.strata.testkit.json.JsonComparison;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pins the reference's SQL-compatible semantics on a handful of rows, as Druid documents them: three-valued
 * filters, null-skipping aggregators, arithmetic on nulls and division by zero, and the reference rollup.
 */
class NaiveEvaluatorTest {
  private static final long T0 = Interval.parse("2021-03-01/2021-03-02").start();
  private static final String INTERVAL = "2021-03-01/2021-03-02";

  /** lo: a, null, "", b; l: 1, null, 3, null. */
  private static NaiveEvaluator evaluator() {
    List<InputRow> rows = new ArrayList<>();
    Object[][] values = {{"a", 1L}, {null, null}, {"", 3L}, {"b", null}};
    for (int i = 0; i < values.length; i++) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("lo", values[i][0]);
      f.put("l", values[i][1]);
      rows.add(new MapInputRow(T0 + i * 60_000L, f));
    }
    return new NaiveEvaluator(List.of(ReferenceSegment.ingest(Interval.parse(INTERVAL), rows, List.of("lo"),
        List.of(AggregatorSpec.Count.of("n"), AggregatorSpec.Numeric.of("longSum", "l", "l")), Buckets.of("none"),
        false)));
  }

  /** count and longSum of l over the rows matching {@code filter}. */
  private static JsonNode countAndSum(String filter) throws Exception {
    String q = ("{'queryType':'timeseries','dataSource':'x','granularity':'all','intervals':['" + INTERVAL + "'],"
        + "'filter':" + filter + ",'aggregations':[{'type':'count','name':'c'},"
        + "{'type':'longSum','name':'s','fieldName':'l'}]}").replace('\'', '"');
    return JsonComparison.tree(evaluator().evaluate(Json.MAPPER.readTree(q))).get(0).get("result");
  }

  @Test
  void notOfAComparisonExcludesNullRows() throws Exception {
    assertThat(countAndSum("{'type':'not','field':{'type':'selector','dimension':'lo','value':'a'}}").get("c")
        .asInt()).isEqualTo(2); // "" and b, not null
    assertThat(countAndSum("{'type':'not','field':{'type':'in','dimension':'lo','values':['a']}}").get("c")
        .asInt()).isEqualTo(2);
    assertThat(countAndSum("{'type':'not','field':{'type':'in','dimension':'lo','values':['a',null]}}").get("c")
        .asInt()).isEqualTo(2);
    assertThat(countAndSum("{'type':'not','field':{'type':'bound','dimension':'lo','lower':'b'}}").get("c")
        .asInt()).isEqualTo(2); // a and ""
  }

  @Test
  void nullSelectorsMatchNullsAndEmptyIsNotNull() throws Exception {
    assertThat(countAndSum("{'type':'selector','dimension':'lo','value':null}").get("c").asInt()).isEqualTo(1);
    assertThat(countAndSum("{'type':'selector','dimension':'lo','value':''}").get("c").asInt()).isEqualTo(1);
    assertThat(countAndSum("{'type':'not','field':{'type':'null','column':'lo'}}").get("c").asInt()).isEqualTo(3);
    assertThat(countAndSum("{'type':'selector','dimension':'missing','value':null}").get("c").asInt())
        .isEqualTo(4);
    assertThat(countAndSum("{'type':'not','field':{'type':'selector','dimension':'missing','value':'x'}}")
        .get("c").asInt()).isZero();
  }

  @Test
  void sumsOverOnlyNullsAreNullAndCountCountsRows() throws Exception {
    JsonNode nullsOnly = countAndSum("{'type':'null','column':'l'}");
    assertThat(nullsOnly.get("c").asInt()).isEqualTo(2);
    assertThat(nullsOnly.get("s").isNull()).isTrue();
    JsonNode nothing = countAndSum("{'type':'false'}");
    assertThat(nothing.get("c").asInt()).isZero();
    assertThat(nothing.get("s").isNull()).isTrue();
    assertThat(countAndSum("{'type':'true'}").get("s").asLong()).isEqualTo(4);
  }

  @Test
  void arithmeticIsNullOnANullInputAndDivisionByZeroIsZero() throws Exception {
    String q = ("{'queryType':'groupBy','dataSource':'x','granularity':'all','intervals':['" + INTERVAL + "'],"
        + "'dimensions':['lo'],'aggregations':[{'type':'longSum','name':'s','fieldName':'l'}],"
        + "'postAggregations':[{'type':'arithmetic','name':'p','fn':'/','fields':[{'type':'constant','value':1},"
        + "{'type':'fieldAccess','fieldName':'s'}]}],"
        + "'limitSpec':{'type':'default','columns':['lo']}}").replace('\'', '"');
    JsonNode rows = JsonComparison.tree(evaluator().evaluate(Json.MAPPER.readTree(q)));
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0).get("event").get("lo").isNull()).isTrue(); // null sorts first
    assertThat(rows.get(0).get("event").get("p").isNull()).isTrue();
    assertThat(rows.get(1).get("event").get("p").asDouble()).isEqualTo(1.0 / 3);
    assertThat(rows.get(2).get("event").get("p").asDouble()).isEqualTo(1.0);
  }

  @Test
  void divisionByZeroGivesZero() throws Exception {
    String q = ("{'queryType':'timeseries','dataSource':'x','granularity':'all','intervals':['" + INTERVAL + "'],"
        + "'aggregations':[{'type':'count','name':'c'}],"
        + "'postAggregations':[{'type':'arithmetic','name':'p','fn':'/','fields':[{'type':'fieldAccess',"
        + "'fieldName':'c'},{'type':'constant','value':0}]}]}").replace('\'', '"');
    JsonNode p = JsonComparison.tree(evaluator().evaluate(Json.MAPPER.readTree(q))).get(0).get("result").get("p");
    assertThat(p.isFloatingPointNumber()).isTrue();
    assertThat(p.asDouble()).isZero();
  }

  @Test
  void refusesWhatItDoesNotModel() {
    assertThatThrownBy(() -> evaluator().evaluate(Json.MAPPER.readTree(
        "{\"queryType\":\"scan\",\"dataSource\":\"x\",\"intervals\":[\"" + INTERVAL + "\"]}")))
        .isInstanceOf(NaiveEvaluator.NotModelled.class);
    assertThatThrownBy(() -> evaluator().evaluate(Json.MAPPER.readTree(("{'queryType':'timeseries','dataSource':'x',"
        + "'granularity':'week','intervals':['" + INTERVAL + "'],'aggregations':[]}").replace('\'', '"'))))
        .isInstanceOf(NaiveEvaluator.NotModelled.class);
  }

  @Test
  void theReferenceRollupSumsNonNullsAndCountsInputRows() {
    List<InputRow> input = new ArrayList<>();
    for (Long l : new Long[] {null, 2L, null, 5L}) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("lo", "a");
      f.put("l", l);
      input.add(new MapInputRow(T0 + input.size() * 1_000L, f));
    }
    ReferenceSegment s = ReferenceSegment.ingest(Interval.parse(INTERVAL), input, List.of("lo"),
        List.of(AggregatorSpec.Count.of("n"), AggregatorSpec.Numeric.of("longSum", "l", "l"),
            AggregatorSpec.Numeric.of("longMin", "m", "l")), Buckets.of("minute"), true);
    assertThat(s.rows()).hasSize(1);
    assertThat(s.rows().get(0).get("n")).isEqualTo(4L);
    assertThat(s.rows().get(0).get("l")).isEqualTo(7L);
    assertThat(s.rows().get(0).get("m")).isEqualTo(2L);
    assertThat(s.minTime()).isEqualTo(T0);
  }
}
