package io.strata.api.json;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The one JSON configuration for specs, queries and results. Like Druid, unknown properties are ignored (so
 * specs written for Druid with fields Strata does not use still load), except the fields Druid defines that would
 * change the answer and that Strata does not implement: {@link DruidFields} refuses those, naming them. Numbers keep
 * their integral type.
 *
 * <p>Two rules keep bad requests from reaching code that would fail on them: a {@code null} element in a list
 * ({@code "aggregations": [null]}) is refused where it is read, naming the field, and documents nest at most
 * {@value #MAX_NESTING_DEPTH} levels deep (Jackson's own limit is 1000, deep enough to overflow the stack of the
 * recursive deserializers of filters and expressions).
 */
public final class Json {
  /** How deep a JSON document read by {@link #MAPPER} may nest objects and arrays. */
  public static final int MAX_NESTING_DEPTH = 128;

  public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
          .build())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
      .withConfigOverride(List.class, o -> o.setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)))
      .withConfigOverride(Set.class, o -> o.setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)))
      .withConfigOverride(Collection.class, o -> o.setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)))
      .addHandler(new DruidFields.Guard())
      .build();

  private Json() {
  }
}
