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
    String listDelimiter = field(parseSpec, "listDelimiter", String.class);
    boolean hasHeader = Boolean.TRUE.equals(field(parseSpec, "hasHeaderRow", Boolean.class));
    Integer skip = field(parseSpec, "skipHeaderRows", Integer.class);
    InputFormatSpec inputFormat = switch (format) {
      case "json" -> new InputFormatSpec.JsonFormat(flatten, null);
      case "csv" -> new InputFormatSpec.Csv(hasHeader && columns == null ? null : columns, listDelimiter,
          hasHeader && columns == null, skip);
      case "tsv" -> new InputFormatSpec.Tsv(hasHeader && columns == null ? null : columns,
          field(parseSpec, "delimiter", String.class), listDelimiter, hasHeader && columns == null, skip);
      default -> throw new InvalidInputException("parseSpec.format", "parseSpec format [" + format
          + "] is not supported; use json, csv or tsv");
    };
    return new Translated(ts, dims, inputFormat);
  }

  /** A parseSpec field of the given type, or null; a value of another type (or out of range) is refused by name. */
  private static <T> T field(Map<String, Object> parseSpec, String name, Class<T> type) {
    Object value = parseSpec.get(name);
    if (value == null) {
      return null;
    }
    if (type == String.class && !(value instanceof String)) {
      throw new InvalidInputException(name, "Invalid value for field [parser.parseSpec." + name + "]: expected a "
          + "string");
    }
    try {
      return Json.MAPPER.convertValue(value, type);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(name, "Invalid value for field [parser.parseSpec." + name + "]: expected "
          + (type == Integer.class ? "a whole number from -2147483648 to 2147483647" : type == Boolean.class
          ? "true or false" : "a string") + ", got " + value);
    }
  }
}
