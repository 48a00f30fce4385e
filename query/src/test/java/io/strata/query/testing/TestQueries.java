package io.strata.query.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.api.query.Query;

/** Reads queries from JSON text and renders results as JSON trees, for compact tests. */
public final class TestQueries {
  private TestQueries() {
  }

  /** A query from JSON; single quotes may stand for double quotes. */
  @SuppressWarnings("unchecked")
  public static <Q extends Query> Q parse(String json) {
    try {
      return (Q) Json.MAPPER.readValue(json.replace('\'', '"'), Query.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A result as a JSON tree (numbers as Jackson reads them back). */
  public static JsonNode tree(Object result) {
    try {
      return Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(result));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** JSON text (single quotes allowed) as a tree. */
  public static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
