package io.strata.api.query;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.error.InvalidInputException;
import io.strata.api.time.Interval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Deserializers for the JSON fields Druid accepts in more than one shape. */
public final class JsonForms {
  private JsonForms() {
  }

  /** {@code "wikipedia"} or {@code {"type":"table","name":"wikipedia"}}. */
  public static final class DataSourceName extends JsonDeserializer<String> {
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode n = ctxt.readTree(p);
      if (n.isTextual()) {
        return n.asText();
      }
      if (n.isObject()) {
        String type = n.path("type").asText("table");
        if (!type.equals("table")) {
          throw new InvalidInputException("dataSource", "dataSource type [" + type
              + "] is not supported; use a table name or {\"type\":\"table\",\"name\":...}");
        }
        if (n.hasNonNull("name")) {
          return n.get("name").asText();
        }
      }
      throw new InvalidInputException("dataSource", "dataSource must be a table name or {\"type\":\"table\",\"name\":...}");
    }
  }

  /** {@code ["a/b", ...]}, a single {@code "a/b"}, or {@code {"type":"intervals","intervals":[...]}}. */
  public static final class Intervals extends JsonDeserializer<List<Interval>> {
    @Override
    public List<Interval> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return parse(ctxt.readTree(p));
    }

    public static List<Interval> parse(JsonNode n) {
      if (n == null || n.isNull()) {
        return null;
      }
      if (n.isObject()) {
        String type = n.path("type").asText("intervals");
        if (!type.equals("intervals")) {
          throw new InvalidInputException("intervals", "intervals type [" + type
              + "] is not supported; use a list of ISO-8601 intervals");
        }
        return parse(n.get("intervals"));
      }
      List<Interval> out = new ArrayList<>();
      if (n.isTextual()) {
        out.add(Interval.parse(n.asText()));
      } else if (n.isArray()) {
        for (JsonNode e : n) {
          if (!e.isTextual()) {
            throw new InvalidInputException("intervals", "intervals must be ISO-8601 strings like \"2013-08-31/2013-09-01\"");
          }
          out.add(Interval.parse(e.asText()));
        }
      } else {
        throw new InvalidInputException("intervals", "intervals must be a list of ISO-8601 intervals");
      }
      return out;
    }
  }
}
