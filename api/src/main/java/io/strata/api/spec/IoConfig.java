package io.strata.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.Specs;

/**
 * {@code ioConfig} of a native batch task.
 *
 * @param appendToExisting add segments to the time chunks instead of replacing them (default false)
 * @param dropExisting     with replace: also drop existing segments of chunks in the intervals that got no data
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IoConfig(@JsonProperty("type") String type, @JsonProperty("inputSource") InputSourceSpec inputSource,
                       @JsonProperty("inputFormat") InputFormatSpec inputFormat,
                       @JsonProperty("appendToExisting") Boolean appendToExisting,
                       @JsonProperty("dropExisting") Boolean dropExisting) {
  public IoConfig {
    if (type != null && !type.equals("index") && !type.equals("index_parallel")) {
      throw new InvalidInputException("ioConfig.type", "Unknown type [" + type
          + "] at [ioConfig.type]; known types: index, index_parallel");
    }
    Specs.required(inputSource, "inputSource", "where to read from, for example {\"type\":\"local\",\"baseDir\":...,"
        + "\"filter\":\"*.json\"} or {\"type\":\"inline\",\"data\":...}");
    appendToExisting = Specs.orDefault(appendToExisting, false);
    dropExisting = Specs.orDefault(dropExisting, false);
  }

  IoConfig withInputFormat(InputFormatSpec f) {
    return new IoConfig(type, inputSource, f, appendToExisting, dropExisting);
  }
}
