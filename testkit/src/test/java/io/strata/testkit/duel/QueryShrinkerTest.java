package io.strata.testkit.duel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryShrinkerTest {
  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) Json.MAPPER.readTree(text.replace('\'', '"'));
  }

  @Test
  void keepsOnlyWhatTheFailureNeeds() throws Exception {
    ObjectNode query = json("""
        {'queryType':'groupBy','granularity':'hour','dimensions':['lo','hi'],
         'filter':{'type':'and','fields':[{'type':'selector','dimension':'lo','value':'a'},
                                          {'type':'not','field':{'type':'null','column':'hi'}}]},
         'aggregations':[{'type':'count','name':'a0'},{'type':'longSum','name':'a1','fieldName':'l'}],
         'having':{'type':'greaterThan','aggregation':'a0','value':1},
         'limitSpec':{'type':'default','limit':5}}""");
    // The "failure": any query that still filters on a null test of hi and sums l.
    String nullTestOfHi = "{\"type\":\"null\",\"column\":\"hi\"}";
    ObjectNode shrunk = QueryShrinker.shrink(query, q -> q.toString().contains(nullTestOfHi)
        && q.toString().contains("\"fieldName\":\"l\""));
    assertThat(shrunk).isEqualTo(json("""
        {'queryType':'groupBy','granularity':'all','dimensions':['hi'],
         'filter':{'type':'null','column':'hi'},
         'aggregations':[{'type':'longSum','name':'a1','fieldName':'l'}]}"""));
    assertThat(query.get("having")).as("the original is not changed").isNotNull();
  }

  @Test
  void returnsTheQueryWhenNothingSmallerFails() throws Exception {
    ObjectNode query = json("{'queryType':'timeseries','aggregations':[{'type':'count','name':'a0'}]}");
    assertThat(QueryShrinker.shrink(query, q -> q.equals(query))).isEqualTo(query);
  }
}
