package io.strata.processing.postagg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.strata.api.data.ColumnSelectorFactory;
import io.strata.api.data.ColumnType;
import io.strata.api.data.VectorColumnSelectorFactory;
import io.strata.api.error.InvalidInputException;
import io.strata.api.exec.AggregatorFactory;
import io.strata.api.exec.GroupedAggregator;
import io.strata.api.exec.GroupedVectorAggregator;
import io.strata.api.exec.PostAggregator;
import io.strata.api.json.Json;
import io.strata.api.query.AggregatorSpec;
import io.strata.api.query.PostAggregatorSpec;
import io.strata.processing.aggregation.Aggregators;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostAggregatorsTest {
  private static final List<AggregatorFactory> AGGS = List.of(
      Aggregators.create(AggregatorSpec.Count.of("rows")),
      Aggregators.create(AggregatorSpec.Numeric.of("doubleSum", "total", "x")),
      new HalvingFactory("half"));

  private static List<PostAggregatorSpec> specs(String json) {
    try {
      return Json.MAPPER.readValue(json.replace('\'', '"'), new TypeReference<List<PostAggregatorSpec>>() {
      });
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private static Map<String, Object> compute(String json, Map<String, Object> aggValues) {
    List<PostAggregator> ps = PostAggregators.createAll(specs(json), AGGS);
    Map<String, Object> row = new HashMap<>(aggValues);
    PostAggregators.computeAll(ps, row);
    return row;
  }

  private static Object value(String arithmeticFn, Object a, Object b) {
    String json = "[{'type':'arithmetic','name':'out','fn':'" + arithmeticFn + "','fields':["
        + "{'type':'fieldAccess','fieldName':'rows'},{'type':'fieldAccess','fieldName':'total'}]}]";
    Map<String, Object> in = new HashMap<>();
    in.put("rows", a);
    in.put("total", b);
    return compute(json, in).get("out");
  }

  @Test
  void arithmetic() {
    assertThat(value("+", 6L, 1.5)).isEqualTo(7.5);
    assertThat(value("-", 6L, 1.5)).isEqualTo(4.5);
    assertThat(value("*", 6L, 1.5)).isEqualTo(9.0);
    assertThat(value("/", 6L, 1.5)).isEqualTo(4.0);
    assertThat(value("quotient", 6L, 4.0)).isEqualTo(1.5);
    assertThat(value("pow", 2L, 10.0)).isEqualTo(1024.0);
    assertThat(value("+", 1L, 2L)).isEqualTo(3.0).isInstanceOf(Double.class);
  }

  @Test
  void divisionByZero() {
    assertThat(value("/", 6L, 0.0)).isEqualTo(0.0);
    assertThat(value("/", 0L, 0.0)).isEqualTo(0.0);
    assertThat(value("quotient", 6L, 0.0)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat((Double) value("quotient", 0L, 0.0)).isNaN();
  }

  @Test
  void nullInputGivesNull() {
    assertThat(value("+", 6L, null)).isNull();
    assertThat(value("/", null, 2.0)).isNull();
  }

  @Test
  void moreThanTwoFieldsFoldLeftAndConstants() {
    String json = "[{'type':'arithmetic','name':'avg','fn':'/','fields':["
        + "{'type':'fieldAccess','fieldName':'total'},{'type':'fieldAccess','fieldName':'rows'},"
        + "{'type':'constant','value':2}]},"
        + "{'type':'arithmetic','name':'avgPlus','fn':'+','fields':["
        + "{'type':'fieldAccess','fieldName':'avg'},{'type':'constant','name':'one','value':1}]},"
        + "{'type':'constant','name':'c','value':3.5}]";
    Map<String, Object> out = compute(json, Map.of("rows", 5L, "total", 20.0));
    assertThat(out).containsEntry("avg", 2.0).containsEntry("avgPlus", 3.0).containsEntry("c", 3.5);
  }

  @Test
  void fieldAccessReadsIntermediateAndFinalizingFinalizes() {
    String json = "[{'type':'fieldAccess','name':'raw','fieldName':'half'},"
        + "{'type':'finalizingFieldAccess','name':'fin','fieldName':'half'},"
        + "{'type':'finalizingFieldAccess','name':'finRaw','fieldName':'raw'}]";
    Map<String, Object> out = compute(json, Map.of("half", 10L));
    assertThat(out).containsEntry("raw", 10L).containsEntry("fin", 5.0).containsEntry("finRaw", 10L);
  }

  @Test
  void missingFieldsAreReported() {
    assertThatThrownBy(() -> PostAggregators.createAll(specs(
        "[{'type':'fieldAccess','name':'a','fieldName':'nope'}]"), AGGS))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("[nope]").hasMessageContaining("[a]");
    // a later post-aggregator may read an earlier one, not the other way round
    assertThatThrownBy(() -> PostAggregators.createAll(specs(
        "[{'type':'fieldAccess','name':'a','fieldName':'b'},{'type':'fieldAccess','name':'b','fieldName':'rows'}]"),
        AGGS)).isInstanceOf(InvalidInputException.class);
    assertThat(PostAggregators.createAll(specs("[{'type':'fieldAccess','name':'a','fieldName':'dim'}]"), AGGS,
        List.of("dim"))).hasSize(1);
    assertThat(PostAggregators.createAll(null, AGGS)).isEmpty();
  }

  @Test
  void createSingleAndDependentFields() {
    PostAggregator p = PostAggregators.create(specs("[{'type':'arithmetic','name':'x','fn':'*','fields':["
        + "{'type':'fieldAccess','fieldName':'rows'},{'type':'arithmetic','fn':'+','fields':["
        + "{'type':'fieldAccess','fieldName':'total'},{'type':'constant','value':1}]}]}]").get(0), Map.of());
    assertThat(p.name()).isEqualTo("x");
    assertThat(p.dependentFields()).containsExactlyInAnyOrder("rows", "total");
    assertThat(p.compute(Map.of("rows", 2L, "total", 3L))).isEqualTo(8.0);
  }

  @Test
  void comparators() {
    Comparator<Object> plain = PostAggregators.create(specs("[{'type':'arithmetic','name':'x','fn':'+','fields':["
        + "{'type':'constant','value':1},{'type':'constant','value':1}]}]").get(0), Map.of()).comparator();
    List<Object> values = new ArrayList<>(Arrays.asList(3.0, null, Double.NaN, -1.0, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY));
    values.sort(plain);
    assertThat(values).containsExactly(null, Double.NEGATIVE_INFINITY, -1.0, 3.0, Double.POSITIVE_INFINITY,
        Double.NaN);
    Comparator<Object> numericFirst = PostAggregators.create(specs("[{'type':'arithmetic','name':'x','fn':'+',"
        + "'ordering':'numericFirst','fields':[{'type':'constant','value':1},{'type':'constant','value':1}]}]")
        .get(0), Map.of()).comparator();
    values.sort(numericFirst);
    assertThat(values).containsExactly(null, -1.0, 3.0, Double.NaN, Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY);
    Comparator<Object> access = PostAggregators.create(specs("[{'type':'fieldAccess','name':'r',"
        + "'fieldName':'rows'}]").get(0), Map.of("rows", AGGS.get(0))).comparator();
    assertThat(access.compare(null, 1L)).isNegative();
    assertThat(access.compare(3L, 2L)).isPositive();
    assertThatThrownBy(() -> PostAggregators.create(specs("[{'type':'arithmetic','name':'x','fn':'+',"
        + "'ordering':'weird','fields':[{'type':'constant','value':1},{'type':'constant','value':1}]}]").get(0),
        Map.of())).hasRootCauseInstanceOf(InvalidInputException.class).hasStackTraceContaining("Unknown ordering");
  }

  /** An aggregator whose finalized value is half its intermediate value, to observe finalization. */
  private record HalvingFactory(String name) implements AggregatorFactory {
    @Override
    public AggregatorSpec spec() {
      return AggregatorSpec.Count.of(name);
    }

    @Override
    public List<String> requiredColumns() {
      return List.of();
    }

    @Override
    public ColumnType intermediateType() {
      return ColumnType.LONG;
    }

    @Override
    public ColumnType finalizedType() {
      return ColumnType.DOUBLE;
    }

    @Override
    public GroupedAggregator factorize(ColumnSelectorFactory factory) {
      throw new UnsupportedOperationException();
    }

    @Override
    public GroupedVectorAggregator factorizeVector(VectorColumnSelectorFactory factory) {
      return null;
    }

    @Override
    public AggregatorFactory combiningFactory() {
      return this;
    }

    @Override
    public Object combine(Object a, Object b) {
      return null;
    }

    @Override
    public Object finalizeValue(Object intermediate) {
      return intermediate == null ? null : ((Number) intermediate).doubleValue() / 2;
    }

    @Override
    public Comparator<Object> comparator() {
      return Comparator.nullsFirst(Comparator.comparingDouble(o -> ((Number) o).doubleValue()));
    }
  }
}
