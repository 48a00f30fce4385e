package io.strata.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.strata.api.query.Specs;

import java.util.Map;

/**
 * A task submitted to {@code POST /druid/indexer/v1/task}. Task types, all in one place: {@code index} and
 * {@code index_parallel} (native batch).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
    visible = true)
@JsonSubTypes({
    @JsonSubTypes.Type(value = TaskSpec.IndexTask.class, names = {"index", "index_parallel"}),
})
public sealed interface TaskSpec {
  String type();

  /** The id the user asked for, or null to have one generated. */
  String id();

  String dataSource();

  /** Native batch: {@code {"type":"index_parallel","id":...,"spec":{dataSchema, ioConfig, tuningConfig}}}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record IndexTask(@JsonProperty("type") String type, @JsonProperty("id") String id,
                   @JsonProperty("spec") IngestionSpec spec,
                   @JsonProperty("context") Map<String, Object> context) implements TaskSpec {
    public IndexTask {
      Specs.required(spec, "spec", "the ingestion spec: {dataSchema, ioConfig, tuningConfig}");
      context = Specs.mapOrEmpty(context);
    }

    @Override
    public String dataSource() {
      return spec.dataSchema().dataSource();
    }
  }
}
