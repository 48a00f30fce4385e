package io.strata.stream;

import java.util.Map;

/** A supervisor whose committed stream positions can be set ({@code POST .../supervisor/{id}/resetOffsets}). */
public interface OffsetResettable {
  /**
   * Replaces the committed positions of the given partitions and restarts the tasks reading them.
   *
   * @throws io.strata.api.error.InvalidInputException if {@code stream} is not the supervisor's stream
   */
  void resetOffsets(String stream, Map<String, String> positions);
}
