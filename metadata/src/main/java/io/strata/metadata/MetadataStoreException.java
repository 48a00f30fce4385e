package io.strata.metadata;

/**
 * A metadata store operation failed. When thrown by a writing operation, that operation's transaction was rolled
 * back: the store is exactly as it was before the call. The message says what was attempted; the cause, if any,
 * is the underlying {@link java.sql.SQLException}.
 */
public class MetadataStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MetadataStoreException(String message) {
    super(message);
  }

  public MetadataStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
