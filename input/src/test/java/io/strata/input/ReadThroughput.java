package io.strata.input;

import io.strata.api.spec.InputFormatSpec;
import io.strata.api.spec.TimestampSpec;
import io.strata.api.time.DateTimes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * A JMH-free micro benchmark of the readers over in-memory Wikipedia-like rows (16 fields, distinct millisecond
 * timestamps). Not a test: run it by hand, for example
 * {@code java -cp <test classpath> io.strata.input.ReadThroughput 1000000}. The JSON target is 400k rows/s per core.
 */
public final class ReadThroughput {
  private ReadThroughput() {
  }

  public static void main(String[] args) throws IOException {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Random random = new Random(42);
    StringBuilder json = new StringBuilder();
    StringBuilder csv = new StringBuilder();
    long start = DateTimes.parseIso("2013-08-31T00:00:00Z");
    for (int i = 0; i < rows; i++) {
      String ts = DateTimes.format(start + i * 86L);
      String page = "Page " + random.nextInt(50_000);
      String user = "User" + random.nextInt(20_000);
      int added = random.nextInt(1000);
      int deleted = random.nextInt(200);
      json.append("{\"timestamp\":\"").append(ts).append("\",\"page\":\"").append(page)
          .append("\",\"language\":\"en\",\"user\":\"").append(user)
          .append("\",\"unpatrolled\":\"true\",\"newPage\":\"false\",\"robot\":\"false\",\"anonymous\":\"false\","
              + "\"namespace\":\"article\",\"continent\":\"North America\",\"country\":\"United States\","
              + "\"region\":\"California\",\"city\":\"San Francisco\",\"added\":").append(added)
          .append(",\"deleted\":").append(deleted).append(",\"delta\":").append(added - deleted).append("}\n");
      csv.append(ts).append(',').append(page).append(",en,").append(user)
          .append(",true,false,false,false,article,North America,United States,California,San Francisco,")
          .append(added).append(',').append(deleted).append(',').append(added - deleted).append('\n');
    }
    byte[] jsonBytes = json.toString().getBytes(StandardCharsets.UTF_8);
    byte[] csvBytes = csv.toString().getBytes(StandardCharsets.UTF_8);
    InputFormatSpec csvFormat = new InputFormatSpec.Csv(List.of("timestamp", "page", "language", "user",
        "unpatrolled", "newPage", "robot", "anonymous", "namespace", "continent", "country", "region", "city",
        "added", "deleted", "delta"), null, null, null);
    for (int round = 0; round < 5; round++) {
      report("json", new InputFormatSpec.JsonFormat(null, null), jsonBytes);
      report("csv ", csvFormat, csvBytes);
    }
  }

  private static void report(String name, InputFormatSpec format, byte[] data) throws IOException {
    InputSplit split = new InputSplit() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public long sizeBytes() {
        return data.length;
      }

      @Override
      public InputStream open() {
        return new ByteArrayInputStream(data);
      }
    };
    long t0 = System.nanoTime();
    long count = 0;
    long checksum = 0;
    try (InputRowReader reader = InputFormats.open(format, TimestampSpec.defaults(), split)) {
      for (var row = reader.next(); row != null; row = reader.next()) {
        count++;
        checksum += row.timestamp() + row.fieldNames().size();
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("%s %,10.0f rows/s  %,8.1f MB/s  (checksum %d)%n", name, count / seconds,
        data.length / seconds / 1e6, checksum);
  }
}
