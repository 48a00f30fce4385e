package io.strata.segment.read;

import io.strata.api.data.ColumnCapabilities;
import io.strata.api.data.ColumnType;
import io.strata.api.data.SegmentId;
import io.strata.api.json.Json;
import io.strata.segment.format.ColumnMetadata;
import io.strata.segment.format.CorruptSegmentException;
import io.strata.segment.format.SegmentFormatV1;
import io.strata.segment.format.SegmentMetadata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens segments written in {@link SegmentFormatV1}: the reading half of the format, paired with
 * {@code io.strata.segment.write.SegmentWriter}. Every file is memory-mapped and checked (magic, codec, version,
 * footer, CRC32C, sizes against the metadata) before the segment is handed out, so a damaged segment fails here
 * with a {@link io.strata.segment.format.SegmentFormatException} instead of giving wrong answers later.
 * Stateless and thread-safe.
 */
public final class SegmentReader {
  private SegmentReader() {
  }

  /** Opens the segment in {@code dir}, verifying every file's checksum. */
  public static QueryableSegment open(Path dir, SegmentId id) throws IOException {
    return open(dir, id, true);
  }

  /**
   * Opens the segment in {@code dir}.
   *
   * @param verifyChecksums read every byte to check the CRC32C footers (structure is checked either way); turn
   *                        off only for files verified before, as it costs one pass over the data
   */
  public static QueryableSegment open(Path dir, SegmentId id, boolean verifyChecksums) throws IOException {
    SegmentMetadata meta = readMetadata(dir, verifyChecksums);
    List<MappedFile> files = new ArrayList<>();
    try {
      Map<String, ColumnHandle> columns = new LinkedHashMap<>();
      List<ColumnMetadata> list = meta.columns();
      if (list.isEmpty() || !list.get(0).name().equals("__time") || list.get(0).role() != ColumnMetadata.Role.TIME
          || list.get(0).type() != ColumnType.LONG) {
        throw new CorruptSegmentException("damaged segment " + dir + ": the first column is not __time");
      }
      for (ColumnMetadata c : list) {
        if (columns.containsKey(c.name())) {
          throw new CorruptSegmentException("damaged segment " + dir + ": column [" + c.name() + "] repeats");
        }
        columns.put(c.name(), openColumn(dir, c, meta.numRows(), verifyChecksums, files));
      }
      return new QueryableSegment(dir, id, meta, columns, files);
    } catch (IOException | RuntimeException e) {
      for (MappedFile f : files) {
        f.unmap();
      }
      throw e;
    }
  }

  /** Reads and checks only {@code segment.meta}. */
  public static SegmentMetadata readMetadata(Path dir) throws IOException {
    return readMetadata(dir, true);
  }

  private static SegmentMetadata readMetadata(Path dir, boolean verifyChecksums) throws IOException {
    MappedFile f = MappedFile.open(dir.resolve(SegmentFormatV1.META_FILE), SegmentFormatV1.META_CODEC, 0, -1,
        verifyChecksums);
    try {
      int length = f.data.getInt(f.bodyStart);
      int start = f.checkRange(f.bodyStart + 4L, length, "metadata");
      byte[] json = new byte[length];
      f.data.get(start, json);
      try {
        return Json.MAPPER.readValue(json, SegmentMetadata.class);
      } catch (IOException | RuntimeException e) {
        throw new CorruptSegmentException("damaged segment metadata " + f.name + ": " + e.getMessage());
      }
    } finally {
      f.unmap();
    }
  }

  private static ColumnHandle openColumn(Path dir, ColumnMetadata c, int numRows, boolean verify,
                                         List<MappedFile> files) throws IOException {
    Path path = dir.resolve(c.file());
    if (c.type() == ColumnType.STRING) {
      MappedFile f = MappedFile.open(path, SegmentFormatV1.STRING_CODEC, SegmentFormatV1.STRING_TRAILER_LENGTH,
          c.sizeBytes(), verify);
      files.add(f);
      StringColumn s = StringColumn.open(c.name(), f, numRows);
      ColumnCapabilities caps = new ColumnCapabilities(c.name(), ColumnType.STRING, false, true, true, true,
          s.hasNull);
      return new ColumnHandle(c, caps, null, s);
    }
    int valueType = switch (c.type()) {
      case LONG -> SegmentFormatV1.VALUE_LONG;
      case FLOAT -> SegmentFormatV1.VALUE_FLOAT;
      case DOUBLE -> SegmentFormatV1.VALUE_DOUBLE;
      default -> throw new CorruptSegmentException("column [" + c.name() + "] of " + dir + " has type " + c.type()
          + ", which format v1 does not store");
    };
    MappedFile f = MappedFile.open(path, SegmentFormatV1.numericCodec(valueType),
        SegmentFormatV1.NUMERIC_TRAILER_LENGTH, c.sizeBytes(), verify);
    files.add(f);
    NumericColumn n = NumericColumn.open(c.name(), f, valueType, numRows);
    if (c.role() == ColumnMetadata.Role.TIME && !n.sorted()) {
      throw new CorruptSegmentException("damaged segment " + dir + ": __time is not marked sorted");
    }
    return new ColumnHandle(c, ColumnCapabilities.numeric(c.name(), c.type(), n.nullCount > 0), n, null);
  }
}
