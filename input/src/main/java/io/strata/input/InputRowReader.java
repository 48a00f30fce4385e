package io.strata.input;

import io.strata.api.input.InputRow;

import java.io.Closeable;
import java.io.IOException;

/**
 * Reads the rows of one {@link InputSplit} in order. Obtained from {@link InputFormats#open}.
 *
 * <p>Bad records do not end the read: {@link #next()} throws {@link io.strata.api.input.ParseException} for the bad
 * record only, and the following call continues with the record after it, so the task can count and sample parse
 * errors as Druid does ({@code maxParseExceptions}). An {@link IOException} means the input itself failed and the
 * reader must not be used further.
 *
 * <p>Readers are not thread-safe; use one per thread.
 */
public interface InputRowReader extends Closeable {
  /**
   * The next row, or null at the end of the input.
   *
   * @throws io.strata.api.input.ParseException if the next record is bad (not valid JSON/CSV, missing or bad
   *                                            timestamp); the reader has moved past it
   * @throws IOException                        if the input cannot be read
   */
  InputRow next() throws IOException;

  /** Bytes of the split's stream consumed so far, for {@code processedBytes} and progress. */
  long bytesRead();
}
