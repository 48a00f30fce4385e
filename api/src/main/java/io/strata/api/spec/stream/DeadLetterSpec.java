package io.strata.api.spec.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.Specs;

/**
 * Where a streaming task writes the rows it rejects (late, early, outside the window or the spec's intervals), each
 * with the reason, so they can be backfilled by a batch task instead of being lost. A Strata addition to Druid's
 * tuningConfig ({@code "deadLetter"}); without it rejected rows go to a JSON-lines file per task under
 * {@code var/dead-letter/<dataSource>/}.
 *
 * @param type  {@code file} (the default), {@code kafka} (a topic on the stream's brokers) or {@code none} (only
 *              counted, as in Druid)
 * @param topic for {@code kafka}: the topic; default {@code <dataSource>-rejected}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetterSpec(@JsonProperty("type") String type, @JsonProperty("topic") String topic) {
  public static final DeadLetterSpec FILE = new DeadLetterSpec("file", null);

  public DeadLetterSpec {
    type = Specs.orDefault(type, "file");
    if (!type.equals("file") && !type.equals("kafka") && !type.equals("none")) {
      throw new InvalidInputException("deadLetter.type", "Unknown type [" + type + "] at [deadLetter.type]; known "
          + "types: file, kafka, none");
    }
    if (topic != null && !type.equals("kafka")) {
      throw new InvalidInputException("deadLetter.topic", "deadLetter.topic applies to type kafka only");
    }
  }

  /** The topic rejected rows of {@code dataSource} go to (type kafka). */
  public String topicFor(String dataSource) {
    return topic != null ? topic : dataSource + "-rejected";
  }
}
