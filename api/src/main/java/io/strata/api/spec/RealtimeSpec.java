package io.strata.api.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.Specs;
import io.strata.api.spec.stream.RealtimeIoConfig;
import io.strata.api.spec.stream.RealtimeTuningConfig;

/**
 * A realtime spec: an element of the legacy realtime node's spec file ({@code -Ddruid.realtime.specFile}, a JSON
 * array) and the {@code spec} of an {@code index_realtime} task. The legacy {@code dataSchema.parser} is translated
 * at the JSON edge, as for batch specs: its format becomes {@link #inputFormat()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RealtimeSpec(@JsonProperty("dataSchema") DataSchema dataSchema,
                           @JsonProperty("ioConfig") RealtimeIoConfig ioConfig,
                           @JsonProperty("tuningConfig") RealtimeTuningConfig tuningConfig,
                           @JsonProperty("inputFormat") InputFormatSpec inputFormat) {
  public RealtimeSpec {
    Specs.required(dataSchema, "dataSchema", "what to ingest: dataSource, parser, metricsSpec, granularitySpec");
    Specs.required(ioConfig, "ioConfig", "where the rows come from: {\"type\":\"realtime\",\"firehose\":{...}}");
    tuningConfig = Specs.orDefault(tuningConfig, RealtimeTuningConfig.defaults());
    if (inputFormat == null) {
      throw new InvalidInputException("parser", "Missing required field [dataSchema.parser]: how to read the "
          + "events, for example {\"type\":\"string\",\"parseSpec\":{\"format\":\"json\",...}}");
    }
  }

  @JsonCreator
  static RealtimeSpec create(@JsonProperty("dataSchema") DataSchema dataSchema,
                             @JsonProperty("ioConfig") RealtimeIoConfig ioConfig,
                             @JsonProperty("tuningConfig") RealtimeTuningConfig tuningConfig,
                             @JsonProperty("inputFormat") InputFormatSpec inputFormat) {
    Specs.required(dataSchema, "dataSchema", "what to ingest: dataSource, parser, metricsSpec, granularitySpec");
    if (dataSchema.parser() != null) {
      LegacyParser.Translated t = LegacyParser.translate(dataSchema.parser());
      dataSchema = dataSchema.withParsed(t.timestampSpec(), t.dimensionsSpec());
      if (inputFormat == null) {
        inputFormat = t.inputFormat();
      }
    }
    return new RealtimeSpec(dataSchema, ioConfig, tuningConfig, inputFormat);
  }
}
