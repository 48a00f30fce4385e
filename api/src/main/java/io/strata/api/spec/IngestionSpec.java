package io.strata.api.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.Specs;

/**
 * {@code spec} of an ingestion task. A legacy {@code dataSchema.parser} is translated here, at the JSON edge,
 * into the one current model: its parseSpec's timestampSpec and dimensionsSpec move into the dataSchema and its
 * format (with flattenSpec, columns, delimiters) becomes {@code ioConfig.inputFormat}.
 */
public record IngestionSpec(@JsonProperty("dataSchema") DataSchema dataSchema,
                            @JsonProperty("ioConfig") IoConfig ioConfig,
                            @JsonProperty("tuningConfig") TuningConfig tuningConfig) {

  public IngestionSpec {
    Specs.required(dataSchema, "dataSchema", "what to ingest: dataSource, timestampSpec, dimensionsSpec, ...");
    Specs.required(ioConfig, "ioConfig", "where to read from: inputSource and inputFormat");
    tuningConfig = Specs.orDefault(tuningConfig, TuningConfig.defaults());
    if (ioConfig.inputFormat() == null && dataSchema.parser() == null
        && !(ioConfig.inputSource() instanceof InputSourceSpec.Inline)) {
      throw new InvalidInputException("inputFormat", "Missing required field [ioConfig.inputFormat]: "
          + "how to read the input, for example {\"type\":\"json\"}");
    }
  }

  @JsonCreator
  public static IngestionSpec create(@JsonProperty("dataSchema") DataSchema dataSchema,
                                     @JsonProperty("ioConfig") IoConfig ioConfig,
                                     @JsonProperty("tuningConfig") TuningConfig tuningConfig) {
    Specs.required(dataSchema, "dataSchema", "what to ingest: dataSource, timestampSpec, dimensionsSpec, ...");
    Specs.required(ioConfig, "ioConfig", "where to read from: inputSource and inputFormat");
    if (dataSchema.parser() != null) {
      LegacyParser.Translated t = LegacyParser.translate(dataSchema.parser());
      dataSchema = dataSchema.withParsed(t.timestampSpec(), t.dimensionsSpec());
      if (ioConfig.inputFormat() == null) {
        ioConfig = ioConfig.withInputFormat(t.inputFormat());
      }
    }
    return new IngestionSpec(dataSchema, ioConfig, tuningConfig);
  }
}
