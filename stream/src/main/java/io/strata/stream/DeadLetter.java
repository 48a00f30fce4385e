package io.strata.stream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.api.time.DateTimes;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Where a streaming task puts the rows it rejects, with the reason, so that they can be backfilled instead of being
 * lost: a JSON-lines file ({@link FileDeadLetter}), a Kafka topic, or nowhere ({@link #NONE}, counted only).
 * {@link #flush} runs before each hand-off commits, so every rejected row of committed offsets is durable. A crash
 * before a commit re-reads the records, so a row can be written twice (never zero times). One writer thread.
 */
public interface DeadLetter extends AutoCloseable {
  /**
   * A rejected row.
   *
   * @param reason        {@code late}, {@code early} or {@code outsideIntervals}
   * @param detail        the bound the row broke, for people
   * @param rowTimestamp  the row's time (epoch millis)
   * @param stream        the topic or stream, or null for pushed events
   * @param partition     the partition, or null
   * @param offset        the record's position, or null (written as a number when it is a Kafka offset, as text when
   *                      it is wider, a Kinesis sequence number, which JSON readers would round)
   * @param record        the record as read
   */
  record Rejected(String reason, String detail, long rowTimestamp, String stream, String partition, String offset,
                  byte[] record) {
  }

  void write(Rejected row) throws IOException;

  /** Makes what was written durable. */
  void flush() throws IOException;

  /** Rows written so far. */
  long written();

  /** Where the rows go, for the task report (a path, a topic), or null. */
  String destination();

  @Override
  void close();

  /**
   * A rejected row as one JSON object: {@code {"reason":"late","detail":...,"dataSource":...,"taskId":...,
   * "rowTimestamp":"2013-08-31T01:02:33.000Z","rejectedAt":...,"stream":...,"partition":...,"offset":...,
   * "record":{...the message...}}}. A message that is a JSON object is embedded as one (so a batch spec with a
   * {@code flattenSpec} on {@code $.record} can backfill it); any other message is a string.
   */
  static void writeJson(Rejected row, String dataSource, String taskId, OutputStream out) throws IOException {
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("reason", row.reason());
      g.writeStringField("detail", row.detail());
      g.writeStringField("dataSource", dataSource);
      g.writeStringField("taskId", taskId);
      g.writeStringField("rowTimestamp", DateTimes.format(row.rowTimestamp()));
      g.writeStringField("rejectedAt", DateTimes.format(System.currentTimeMillis()));
      if (row.stream() != null) {
        g.writeStringField("stream", row.stream());
      }
      if (row.partition() != null) {
        g.writeStringField("partition", row.partition());
      }
      if (row.offset() != null) {
        if (row.offset().length() <= 18 && StreamPositions.isNumber(row.offset())) {
          g.writeNumberField("offset", Long.parseLong(row.offset()));
        } else {
          g.writeStringField("offset", row.offset());
        }
      }
      g.writeFieldName("record");
      JsonNode asJson = jsonObject(row.record());
      if (asJson != null) {
        g.writeTree(asJson);
      } else {
        g.writeString(row.record() == null ? "" : new String(row.record(), StandardCharsets.UTF_8));
      }
      g.writeEndObject();
    }
  }

  private static JsonNode jsonObject(byte[] record) {
    if (record == null || record.length == 0 || record[0] != '{' && !Character.isWhitespace(record[0])) {
      return null;
    }
    try {
      JsonNode n = Json.MAPPER.readTree(record);
      return n != null && n.isObject() ? n : null;
    } catch (IOException e) {
      return null;
    }
  }

  DeadLetter NONE = new DeadLetter() {
    @Override
    public void write(Rejected row) {
    }

    @Override
    public void flush() {
    }

    @Override
    public long written() {
      return 0;
    }

    @Override
    public String destination() {
      return null;
    }

    @Override
    public void close() {
    }
  };
}
