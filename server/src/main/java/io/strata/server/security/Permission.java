package io.strata.server.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.strata.api.error.InvalidInputException;
import io.strata.api.json.Json;
import io.strata.api.query.Specs;

import java.util.List;

/**
 * A permission of a role, in the JSON form of Druid's security API:
 * {@code {"resource": {"name": "wiki.*", "type": "DATASOURCE"}, "action": "READ"}}; {@code name} is a regular
 * expression a resource name must match whole.
 */
public record Permission(@JsonProperty("resource") Resource resource, @JsonProperty("action") Action action) {
  public Permission {
    Specs.required(resource, "resource", "{\"name\": <regex>, \"type\": DATASOURCE|STATE|CONFIG|EXTERNAL|...}");
    Specs.required(action, "action", "READ or WRITE");
  }

  /** {@code {"name": <regex>, "type": <resource type>}}. */
  public record Resource(@JsonProperty("name") String name, @JsonProperty("type") ResourceType type) {
    public Resource {
      if (name == null) {
        throw new InvalidInputException("resource.name", "Missing required field [resource.name]: a regular "
            + "expression for the resource names, for example \".*\"");
      }
      Specs.required(type, "resource.type", "DATASOURCE, STATE, CONFIG, EXTERNAL, VIEW, SYSTEM_TABLE or QUERY_CONTEXT");
    }
  }

  static List<Permission> listFromJson(String json) {
    try {
      return Json.MAPPER.readValue(json, new TypeReference<List<Permission>>() { });
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a permission list: " + e.getOriginalMessage(), e);
    }
  }
}
