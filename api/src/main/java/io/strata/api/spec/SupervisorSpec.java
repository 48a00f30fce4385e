package io.strata.api.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.Specs;
import io.strata.api.spec.stream.KafkaIoConfig;
import io.strata.api.spec.stream.KinesisIoConfig;
import io.strata.api.spec.stream.StreamTuningConfig;

import java.util.Map;

/**
 * A supervisor submitted to {@code POST /druid/indexer/v1/supervisor}. Types, all in one place: {@code kafka},
 * {@code kinesis}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
    visible = true)
@JsonSubTypes({
    @JsonSubTypes.Type(value = SupervisorSpec.Kafka.class, name = "kafka"),
    @JsonSubTypes.Type(value = SupervisorSpec.Kinesis.class, name = "kinesis"),
})
public sealed interface SupervisorSpec {
  String type();

  /** The supervisor's id: the datasource's name, as in Druid. */
  String id();

  String dataSource();

  boolean suspended();

  /** This spec with {@code suspended} set. */
  SupervisorSpec withSuspended(boolean suspended);

  /** This spec with {@code ioConfig.taskCount} set (what the auto-scaler chose), all else as it is. */
  default SupervisorSpec withTaskCount(int taskCount) {
    com.fasterxml.jackson.databind.node.ObjectNode tree = io.strata.api.json.Json.MAPPER.valueToTree(this);
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("spec").path("ioConfig")).put("taskCount", taskCount);
    try {
      return io.strata.api.json.Json.MAPPER.treeToValue(tree, SupervisorSpec.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the spec of supervisor [" + id() + "] does not read back", e);
    }
  }

  /**
   * A Kafka supervisor, in Druid's form {@code {"type":"kafka","spec":{"dataSchema":...,"ioConfig":...,
   * "tuningConfig":...},"suspended":false}} (the older form with the three parts at the top level is read too). A
   * legacy {@code dataSchema.parser} becomes the ioConfig's inputFormat, as in batch specs.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Kafka(@JsonProperty("type") String type, @JsonProperty("spec") Parts spec,
               @JsonProperty("suspended") Boolean suspendedFlag,
               @JsonProperty("context") Map<String, Object> context) implements SupervisorSpec {
    public Kafka {
      Specs.required(spec, "spec", "the supervisor's dataSchema, ioConfig and tuningConfig");
      suspendedFlag = Specs.orDefault(suspendedFlag, false);
      context = Specs.mapOrEmpty(context);
    }

    @JsonCreator
    static Kafka create(@JsonProperty("type") String type, @JsonProperty("spec") Parts spec,
                        @JsonProperty("dataSchema") DataSchema dataSchema,
                        @JsonProperty("ioConfig") KafkaIoConfig ioConfig,
                        @JsonProperty("tuningConfig") StreamTuningConfig tuningConfig,
                        @JsonProperty("suspended") Boolean suspended,
                        @JsonProperty("context") Map<String, Object> context) {
      Parts parts = spec != null ? spec : Parts.create(dataSchema, ioConfig, tuningConfig);
      return new Kafka(type, parts, suspended, context);
    }

    @Override
    public String id() {
      return spec.dataSchema().dataSource();
    }

    @Override
    public String dataSource() {
      return spec.dataSchema().dataSource();
    }

    @Override
    public boolean suspended() {
      return suspendedFlag;
    }

    @Override
    public Kafka withSuspended(boolean suspended) {
      return new Kafka(type, spec, suspended, context);
    }
  }

  /** {@code dataSchema}, {@code ioConfig}, {@code tuningConfig} of a Kafka supervisor. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Parts(@JsonProperty("dataSchema") DataSchema dataSchema, @JsonProperty("ioConfig") KafkaIoConfig ioConfig,
               @JsonProperty("tuningConfig") StreamTuningConfig tuningConfig) {
    public Parts {
      Specs.required(ioConfig, "ioConfig", "where to read from: topic, consumerProperties, inputFormat");
      tuningConfig = checkParts(dataSchema, ioConfig.inputFormat(), tuningConfig, "kafka",
          "topic, consumerProperties, inputFormat");
    }

    @JsonCreator
    static Parts create(@JsonProperty("dataSchema") DataSchema dataSchema,
                        @JsonProperty("ioConfig") KafkaIoConfig ioConfig,
                        @JsonProperty("tuningConfig") StreamTuningConfig tuningConfig) {
      Specs.required(dataSchema, "dataSchema", "what to ingest: dataSource, timestampSpec, dimensionsSpec, ...");
      Specs.required(ioConfig, "ioConfig", "where to read from: topic, consumerProperties, inputFormat");
      if (dataSchema.parser() != null) {
        LegacyParser.Translated t = LegacyParser.translate(dataSchema.parser());
        dataSchema = dataSchema.withParsed(t.timestampSpec(), t.dimensionsSpec());
        if (ioConfig.inputFormat() == null) {
          ioConfig = ioConfig.withInputFormat(t.inputFormat());
        }
      }
      return new Parts(dataSchema, ioConfig, tuningConfig);
    }
  }

  /**
   * A Kinesis supervisor, in Druid's form {@code {"type":"kinesis","spec":{"dataSchema":...,"ioConfig":{"stream":...,
   * "endpoint":...},"tuningConfig":{"type":"kinesis"}},"suspended":false}} (or with the three parts at the top level).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Kinesis(@JsonProperty("type") String type, @JsonProperty("spec") KinesisParts spec,
                 @JsonProperty("suspended") Boolean suspendedFlag,
                 @JsonProperty("context") Map<String, Object> context) implements SupervisorSpec {
    public Kinesis {
      Specs.required(spec, "spec", "the supervisor's dataSchema, ioConfig and tuningConfig");
      suspendedFlag = Specs.orDefault(suspendedFlag, false);
      context = Specs.mapOrEmpty(context);
    }

    @JsonCreator
    static Kinesis create(@JsonProperty("type") String type, @JsonProperty("spec") KinesisParts spec,
                          @JsonProperty("dataSchema") DataSchema dataSchema,
                          @JsonProperty("ioConfig") KinesisIoConfig ioConfig,
                          @JsonProperty("tuningConfig") StreamTuningConfig tuningConfig,
                          @JsonProperty("suspended") Boolean suspended,
                          @JsonProperty("context") Map<String, Object> context) {
      KinesisParts parts = spec != null ? spec : KinesisParts.create(dataSchema, ioConfig, tuningConfig);
      return new Kinesis(type, parts, suspended, context);
    }

    @Override
    public String id() {
      return spec.dataSchema().dataSource();
    }

    @Override
    public String dataSource() {
      return spec.dataSchema().dataSource();
    }

    @Override
    public boolean suspended() {
      return suspendedFlag;
    }

    @Override
    public Kinesis withSuspended(boolean suspended) {
      return new Kinesis(type, spec, suspended, context);
    }
  }

  /** {@code dataSchema}, {@code ioConfig}, {@code tuningConfig} of a Kinesis supervisor. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record KinesisParts(@JsonProperty("dataSchema") DataSchema dataSchema,
                      @JsonProperty("ioConfig") KinesisIoConfig ioConfig,
                      @JsonProperty("tuningConfig") StreamTuningConfig tuningConfig) {
    public KinesisParts {
      Specs.required(ioConfig, "ioConfig", "where to read from: stream, endpoint, inputFormat");
      tuningConfig = checkParts(dataSchema, ioConfig.inputFormat(), tuningConfig,
          "kinesis", "stream, endpoint, inputFormat");
    }

    @JsonCreator
    static KinesisParts create(@JsonProperty("dataSchema") DataSchema dataSchema,
                               @JsonProperty("ioConfig") KinesisIoConfig ioConfig,
                               @JsonProperty("tuningConfig") StreamTuningConfig tuningConfig) {
      Specs.required(dataSchema, "dataSchema", "what to ingest: dataSource, timestampSpec, dimensionsSpec, ...");
      Specs.required(ioConfig, "ioConfig", "where to read from: stream, endpoint, inputFormat");
      if (dataSchema.parser() != null) {
        LegacyParser.Translated t = LegacyParser.translate(dataSchema.parser());
        dataSchema = dataSchema.withParsed(t.timestampSpec(), t.dimensionsSpec());
        if (ioConfig.inputFormat() == null) {
          ioConfig = ioConfig.withInputFormat(t.inputFormat());
        }
      }
      return new KinesisParts(dataSchema, ioConfig, tuningConfig);
    }
  }

  /** The checks every streaming supervisor's parts pass; returns the tuningConfig with its defaults. */
  private static StreamTuningConfig checkParts(DataSchema dataSchema, InputFormatSpec inputFormat,
                                               StreamTuningConfig tuningConfig, String type, String ioFields) {
    Specs.required(dataSchema, "dataSchema", "what to ingest: dataSource, timestampSpec, dimensionsSpec, ...");
    if (dataSchema.parser() == null && inputFormat == null) {
      throw new InvalidInputException("inputFormat", "Missing required field [ioConfig.inputFormat]: how to read "
          + "the messages, for example {\"type\":\"json\"}");
    }
    if (!dataSchema.granularitySpec().intervals().isEmpty()) {
      throw new InvalidInputException("intervals", "granularitySpec intervals do not apply to streaming "
          + "ingestion; use lateMessageRejectionPeriod or earlyMessageRejectionPeriod to bound the rows' times");
    }
    return Specs.orDefault(tuningConfig, StreamTuningConfig.defaults(type));
  }
}
