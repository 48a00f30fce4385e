package io.strata.processing.sketch;

import com.fasterxml.jackson.annotation.JsonValue;
import org.apache.datasketches.hll.HllSketch;

import java.util.Base64;

/** An HLL sketch as a partial value; written as Druid writes one, base64 of its compact bytes. */
public record HllValue(HllSketch sketch) {
  @JsonValue
  public String base64() {
    return Base64.getEncoder().encodeToString(sketch.toCompactByteArray());
  }
}
