package io.strata.api.spec;

import io.strata.api.error.InvalidInputException;
import io.strata.api.json.Json;

import java.util.List;
import java.util.Map;

/**
 * Translates the deprecated {@code dataSchema.parser} ({@code {"type":"string","parseSpec":{"format":"json",
 * ...}}}) into the current model. Only this class knows the legacy shape.
 */
final class LegacyParser {
  record Translated(TimestampSpec timestampSpec, DimensionsSpec dimensionsSpec, InputFormatSpec inputFormat) {
  }

  private LegacyParser() {
  }

  @SuppressWarnings("unchecked")
  static Translated translate(Map<String, Object> parser) {
    Object type = parser.getOrDefault("type", "string");
    if (!"string".equals(type) && !"map".equals(type)) {
      throw new InvalidInputException("parser", "parser type [" + type + "] is not supported; use \"string\" or, "
          + "better, ioConfig.inputFormat");
    }
    Object ps = parser.get("parseSpec");
    if (!(ps instanceof Map)) {
      throw new InvalidInputException("parseSpec", "Missing required field [parser.parseSpec]");
    }
    Map<String, Object> parseSpec = (Map<String, Object>) ps;
    String format = String.valueOf(parseSpec.getOrDefault("format", "tsv"));
    TimestampSpec ts = parseSpec.get("timestampSpec") == null ? TimestampSpec.defaults()
        : Json.MAPPER.convertValue(parseSpec.get("timestampSpec"), TimestampSpec.class);
    DimensionsSpec dims = parseSpec.get("dimensionsSpec") == null ? DimensionsSpec.SCHEMALESS
        : Json.MAPPER.convertValue(parseSpec.get("dimensionsSpec"), DimensionsSpec.class);
    FlattenSpec flatten = parseSpec.get("flattenSpec") == null ? null
        : Json.MAPPER.convertValue(parseSpec.get("flattenSpec"), FlattenSpec.class);
    List<String> columns = parseSpec.get("columns") == null ? null
        : Json.MAPPER.convertValue(parseSpec.get("columns"), List.class);
    String listDelimiter = (String) parseSpec.get("listDelimiter");
    boolean hasHeader = Boolean.TRUE.equals(parseSpec.get("hasHeaderRow"));
    Integer skip = parseSpec.get("skipHeaderRows") == null ? null
        : ((Number) parseSpec.get("skipHeaderRows")).intValue();
    InputFormatSpec inputFormat = switch (format) {
      case "json" -> new InputFormatSpec.JsonFormat(flatten, null);
      case "csv" -> new InputFormatSpec.Csv(hasHeader && columns == null ? null : columns, listDelimiter,
          hasHeader && columns == null, skip);
      case "tsv" -> new InputFormatSpec.Tsv(hasHeader && columns == null ? null : columns,
          (String) parseSpec.get("delimiter"), listDelimiter, hasHeader && columns == null, skip);
      default -> throw new InvalidInputException("parseSpec.format", "parseSpec format [" + format
          + "] is not supported; use json, csv or tsv");
    };
    return new Translated(ts, dims, inputFormat);
  }
}
