package io.strata.server;

import java.nio.file.Path;

/**
 * Settings of the single-process server.
 *
 * @param host         address to bind (127.0.0.1 by default: nothing is exposed beyond the machine unless asked)
 * @param port         HTTP port; 0 picks a free one (tests)
 * @param dataDir      everything the server keeps: {@code metadata/}, {@code deep-storage/}, {@code tasks/}
 * @param workingDir   base for relative input paths in ingestion specs
 * @param queryThreads threads running per-segment query work
 * @param taskSlots    ingestion tasks that may run at once
 */
public record ServerConfig(String host, int port, Path dataDir, Path workingDir, int queryThreads, int taskSlots,
                           long maxRequestBytes) {
  public static final long DEFAULT_MAX_REQUEST_BYTES = 64L * 1024 * 1024;

  public static ServerConfig defaults(Path dataDir, int port) {
    int cores = Runtime.getRuntime().availableProcessors();
    return new ServerConfig("127.0.0.1", port, dataDir, Path.of("").toAbsolutePath(), Math.max(2, cores), 2,
        DEFAULT_MAX_REQUEST_BYTES);
  }
}
