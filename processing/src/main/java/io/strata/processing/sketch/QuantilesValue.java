package io.strata.processing.sketch;

import com.fasterxml.jackson.annotation.JsonValue;
import org.apache.datasketches.quantilescommon.QuantilesDoublesAPI;

import java.util.Base64;

/** A quantiles sketch (classic or KLL) as a partial value; written as base64 of its bytes, as Druid writes one. */
public record QuantilesValue(QuantilesDoublesAPI sketch) {
  @JsonValue
  public String base64() {
    // A classic sketch is written in its compact (ordered, read-only) form, as Druid writes it.
    byte[] bytes = sketch instanceof org.apache.datasketches.quantiles.DoublesSketch d ? d.toByteArray(true)
        : sketch.toByteArray();
    return Base64.getEncoder().encodeToString(bytes);
  }
}
