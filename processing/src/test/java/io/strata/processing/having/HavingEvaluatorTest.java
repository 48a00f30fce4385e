package io.strata.processing.having;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.strata.api.json.Json;
import io.strata.api.query.HavingSpec;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class HavingEvaluatorTest {
  private static Predicate<Map<String, Object>> having(String json) {
    try {
      return HavingEvaluator.create(Json.MAPPER.readValue(json.replace('\'', '"'), HavingSpec.class));
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private static Map<String, Object> row(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void numericComparisons() {
    var gt = having("{'type':'greaterThan','aggregation':'count','value':10}");
    assertThat(gt.test(row("count", 11L))).isTrue();
    assertThat(gt.test(row("count", 10L))).isFalse();
    assertThat(gt.test(row("count", 10.5))).isTrue();
    assertThat(gt.test(row("count", null))).isFalse();
    assertThat(gt.test(row())).isFalse();
    assertThat(gt.test(row("count", "12"))).isTrue();
    assertThat(gt.test(row("count", "abc"))).isFalse();

    var lt = having("{'type':'lessThan','aggregation':'avg','value':2.5}");
    assertThat(lt.test(row("avg", 2.4))).isTrue();
    assertThat(lt.test(row("avg", 2L))).isTrue();
    assertThat(lt.test(row("avg", 2.5))).isFalse();
    assertThat(lt.test(row("avg", Double.NEGATIVE_INFINITY))).isTrue();
    assertThat(lt.test(row("avg", Double.NaN))).isFalse();

    var eq = having("{'type':'equalTo','aggregation':'x','value':0.1}");
    assertThat(eq.test(row("x", 0.1))).isTrue();
    assertThat(eq.test(row("x", 0.1f))).isTrue();
    assertThat(eq.test(row("x", 0.3 - 0.2))).isFalse();
    var eqLong = having("{'type':'equalTo','aggregation':'x','value':9007199254740993}");
    assertThat(eqLong.test(row("x", 9007199254740993L))).isTrue();
    assertThat(eqLong.test(row("x", 9007199254740992L))).isFalse();
    assertThat(eqLong.test(row("x", 9007199254740992.0))).isFalse();
  }

  @Test
  void dimSelector() {
    var p = having("{'type':'dimSelector','dimension':'country','value':'US'}");
    assertThat(p.test(row("country", "US"))).isTrue();
    assertThat(p.test(row("country", "FR"))).isFalse();
    assertThat(p.test(row("country", null))).isFalse();
    assertThat(p.test(row("country", List.of("FR", "US")))).isTrue();
    var n = having("{'type':'dimSelector','dimension':'country','value':null}");
    assertThat(n.test(row("country", null))).isTrue();
    assertThat(n.test(row("country", ""))).isFalse();
    var num = having("{'type':'dimSelector','dimension':'year','value':'2020'}");
    assertThat(num.test(row("year", 2020L))).isTrue();
  }

  @Test
  void filterAndLogic() {
    var f = having("{'type':'filter','filter':{'type':'bound','dimension':'count','ordering':'numeric',"
        + "'lower':'5'}}");
    assertThat(f.test(row("count", 7L))).isTrue();
    assertThat(f.test(row("count", 3L))).isFalse();
    var and = having("{'type':'and','havingSpecs':[{'type':'greaterThan','aggregation':'a','value':1},"
        + "{'type':'dimSelector','dimension':'d','value':'x'}]}");
    assertThat(and.test(row("a", 2L, "d", "x"))).isTrue();
    assertThat(and.test(row("a", 2L, "d", "y"))).isFalse();
    var or = having("{'type':'or','havingSpecs':[{'type':'greaterThan','aggregation':'a','value':1},"
        + "{'type':'dimSelector','dimension':'d','value':'x'}]}");
    assertThat(or.test(row("a", 0L, "d", "x"))).isTrue();
    assertThat(or.test(row("a", 0L, "d", "y"))).isFalse();
    var not = having("{'type':'not','havingSpec':{'type':'equalTo','aggregation':'a','value':1}}");
    assertThat(not.test(row("a", 2L))).isTrue();
    assertThat(not.test(row("a", 1L))).isFalse();
    assertThat(having("{'type':'and','havingSpecs':[]}").test(row())).isTrue();
    assertThat(having("{'type':'or','havingSpecs':[]}").test(row())).isFalse();
    assertThat(HavingEvaluator.create(null).test(row())).isTrue();
  }

  @Test
  void filterHavingIsThreadSafe() throws Exception {
    var f = having("{'type':'filter','filter':{'type':'selector','dimension':'d','value':'x'}}");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        final int id = t;
        results.add(pool.submit(() -> {
          int wrong = 0;
          for (int i = 0; i < 20000; i++) {
            boolean x = (i + id) % 2 == 0;
            if (f.test(row("d", x ? "x" : "y")) != x) {
              wrong++;
            }
          }
          return wrong;
        }));
      }
      for (Future<Integer> r : results) {
        assertThat(r.get()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
