package io.strata.server.cli;

import java.nio.file.Path;

/** Ready-made ingestion specs for the generated Wikipedia data (quickstart, bench, tests). */
public final class CliSpecs {
  private CliSpecs() {
  }

  /** What is wrong with a spec, for a person: the innermost message (a Jackson error wraps the spec's own). */
  static String describe(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    if (t instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
      return j.getOriginalMessage();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  /**
   * A native batch spec for generated Wikipedia edits: the tutorial's 12 dimensions, count and longSum metrics,
   * day segments, minute rollup, reading {@code fileName} under {@code dir}.
   */
  public static String wikipediaSpec(String dataSource, Path dir, String fileName) {
    return """
        {
          "type": "index_parallel",
          "spec": {
            "dataSchema": {
              "dataSource": "%s",
              "timestampSpec": {"column": "timestamp", "format": "iso"},
              "dimensionsSpec": {"dimensions": ["page", "language", "user", "unpatrolled", "newPage", "robot",
                "anonymous", "namespace", "continent", "country", "region", "city"]},
              "metricsSpec": [
                {"type": "count", "name": "count"},
                {"type": "longSum", "name": "added", "fieldName": "added"},
                {"type": "longSum", "name": "deleted", "fieldName": "deleted"},
                {"type": "longSum", "name": "delta", "fieldName": "delta"}
              ],
              "granularitySpec": {"segmentGranularity": "day", "queryGranularity": "minute", "rollup": true}
            },
            "ioConfig": {
              "type": "index_parallel",
              "inputSource": {"type": "local", "baseDir": "%s", "filter": "%s"},
              "inputFormat": {"type": "json"}
            },
            "tuningConfig": {"type": "index_parallel", "maxNumConcurrentSubTasks": 2}
          }
        }
        """.formatted(dataSource, dir.toAbsolutePath().toString().replace("\\", "\\\\"), fileName);
  }

  /**
   * A Kafka supervisor spec for generated Wikipedia edits on {@code topic}: the same schema as
   * {@link #wikipediaSpec}, hour segments handed off every ten minutes, reading from the earliest offset.
   */
  public static String wikipediaKafkaSupervisor(String dataSource, String topic, String bootstrapServers) {
    return wikipediaKafkaSupervisor(dataSource, topic, bootstrapServers, 1, "hour", "PT10M");
  }

  /** As above, with the task count, segment granularity and task duration given. */
  public static String wikipediaKafkaSupervisor(String dataSource, String topic, String bootstrapServers,
                                                int taskCount, String segmentGranularity, String taskDuration) {
    return """
        {
          "type": "kafka",
          "spec": {
            "dataSchema": {
              "dataSource": "%s",
              "timestampSpec": {"column": "timestamp", "format": "iso"},
              "dimensionsSpec": {"dimensions": ["page", "language", "user", "unpatrolled", "newPage", "robot",
                "anonymous", "namespace", "continent", "country", "region", "city"]},
              "metricsSpec": [
                {"type": "count", "name": "count"},
                {"type": "longSum", "name": "added", "fieldName": "added"},
                {"type": "longSum", "name": "deleted", "fieldName": "deleted"},
                {"type": "longSum", "name": "delta", "fieldName": "delta"}
              ],
              "granularitySpec": {"segmentGranularity": "%s", "queryGranularity": "minute", "rollup": true}
            },
            "ioConfig": {
              "topic": "%s",
              "inputFormat": {"type": "json"},
              "consumerProperties": {"bootstrap.servers": "%s"},
              "useEarliestOffset": true,
              "taskCount": %d,
              "taskDuration": "%s",
              "startDelay": "PT0S",
              "period": "PT1S"
            },
            "tuningConfig": {"type": "kafka"}
          }
        }
        """.formatted(dataSource, segmentGranularity, topic, bootstrapServers, taskCount, taskDuration);
  }
}
