package io.strata.processing.sketch;

import com.fasterxml.jackson.annotation.JsonValue;
import org.apache.datasketches.theta.Sketch;

import java.util.Base64;

/** A theta sketch (compact) as a partial value; written as Druid writes one, base64 of its bytes. */
public record ThetaValue(Sketch sketch) {
  @JsonValue
  public String base64() {
    return Base64.getEncoder().encodeToString(sketch.compact().toByteArray());
  }
}
