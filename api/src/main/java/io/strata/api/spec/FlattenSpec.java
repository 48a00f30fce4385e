package io.strata.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.Specs;

import java.util.List;
import java.util.Set;

/**
 * {@code flattenSpec}: how nested input becomes flat fields. With {@code useFieldDiscovery} (default true) every
 * top-level field holding a primitive or a list of primitives is kept as is; {@code fields} add more.
 */
public record FlattenSpec(@JsonProperty("useFieldDiscovery") Boolean useFieldDiscovery,
                          @JsonProperty("fields") List<Field> fields) {
  public FlattenSpec {
    useFieldDiscovery = Specs.orDefault(useFieldDiscovery, true);
    fields = Specs.listOrEmpty(fields);
  }

  /**
   * @param type {@code root} (a top-level field), {@code path} (a JsonPath such as {@code $.user.id}),
   *             {@code jq} (a jq-like path such as {@code .user.id}), {@code tree} ({@code nodes} walked in order)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Field(@JsonProperty("type") String type, @JsonProperty("name") String name,
                      @JsonProperty("expr") String expr, @JsonProperty("nodes") List<String> nodes) {
    static final Set<String> TYPES = Set.of("root", "path", "jq", "tree");

    public Field {
      type = Specs.orDefault(type, "path");
      if (!TYPES.contains(type)) {
        throw new InvalidInputException("flattenSpec", "flattenSpec field type [" + type
            + "] must be root, path, jq or tree");
      }
      Specs.required(name, "name", "the output field name of a flattenSpec field");
      if ((type.equals("path") || type.equals("jq")) && expr == null) {
        throw new InvalidInputException("expr", "flattenSpec field [" + name + "] of type " + type + " needs \"expr\"");
      }
      if (type.equals("tree") && (nodes == null || nodes.isEmpty())) {
        throw new InvalidInputException("nodes", "flattenSpec field [" + name + "] of type tree needs \"nodes\"");
      }
    }
  }
}
