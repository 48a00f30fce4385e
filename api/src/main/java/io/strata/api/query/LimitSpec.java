package io.strata.api.query;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.error.InvalidInputException;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * groupBy {@code limitSpec}: {@code {"type":"default","limit":N,"offset":M,"columns":[...]}}, columns being
 * names or {@code {"dimension":"x","direction":"descending","dimensionOrder":"numeric"}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LimitSpec(@JsonProperty("type") String type, @JsonProperty("limit") Integer limit,
                        @JsonProperty("offset") Integer offset,
                        @JsonProperty("columns") List<OrderByColumn> columns) {
  public LimitSpec {
    type = Specs.orDefault(type, "default");
    if (!type.equals("default") && !type.equals("NoopLimitSpec")) {
      throw new InvalidInputException("limitSpec", "limitSpec type [" + type + "] is not supported; use \"default\"");
    }
    if (limit != null && limit < 0) {
      throw new InvalidInputException("limit", "limit must be non-negative, got " + limit);
    }
    if (offset != null && offset < 0) {
      throw new InvalidInputException("offset", "offset must be non-negative, got " + offset);
    }
    columns = Specs.listOrEmpty(columns);
  }

  /** @param dimensionOrder lexicographic (default), numeric, alphanumeric, strlen or version */
  public record OrderByColumn(@JsonProperty("dimension") String dimension,
                              @JsonProperty("direction") String direction,
                              @JsonProperty("dimensionOrder") Object dimensionOrder) {
    public OrderByColumn {
      Specs.required(dimension, "dimension", "the column to order by");
      direction = Specs.orDefault(direction, "ascending").toLowerCase(Locale.ROOT);
      if (direction.equals("asc")) {
        direction = "ascending";
      } else if (direction.equals("desc")) {
        direction = "descending";
      }
      if (!direction.equals("ascending") && !direction.equals("descending")) {
        throw new InvalidInputException("direction", "direction [" + direction + "] must be ascending or descending");
      }
      if (dimensionOrder != null && !(dimensionOrder instanceof String)
          && !(dimensionOrder instanceof Map<?, ?> m && m.get("type") instanceof String)) {
        throw new InvalidInputException("dimensionOrder", "dimensionOrder must be a name such as \"numeric\" or "
            + "{\"type\": <name>}");
      }
      Specs.checkOrdering(orderingOf(dimensionOrder), "dimensionOrder");
    }

    private static String orderingOf(Object dimensionOrder) {
      if (dimensionOrder == null) {
        return null;
      }
      if (dimensionOrder instanceof Map<?, ?> m) {
        return m.get("type").toString();
      }
      return dimensionOrder.toString();
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static OrderByColumn of(String dimension) {
      return new OrderByColumn(dimension, "ascending", null);
    }

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public static OrderByColumn create(@JsonProperty("dimension") String dimension,
                                       @JsonProperty("direction") String direction,
                                       @JsonProperty("dimensionOrder") Object dimensionOrder) {
      return new OrderByColumn(dimension, direction, dimensionOrder);
    }

    public boolean descending() {
      return direction.equals("descending");
    }

    public String orderingName() {
      if (dimensionOrder == null) {
        return "lexicographic";
      }
      if (dimensionOrder instanceof Map<?, ?> m && m.get("type") != null) {
        return m.get("type").toString().toLowerCase(Locale.ROOT);
      }
      return dimensionOrder.toString().toLowerCase(Locale.ROOT);
    }
  }
}
