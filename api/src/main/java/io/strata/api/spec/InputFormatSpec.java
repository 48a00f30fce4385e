package io.strata.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.strata.api.error.InvalidInputException;
import io.strata.api.query.Specs;

import java.util.List;

/** {@code ioConfig.inputFormat}; types, all in one place: {@code json}, {@code csv}, {@code tsv}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = InputFormatSpec.JsonFormat.class, name = "json"),
    @JsonSubTypes.Type(value = InputFormatSpec.Csv.class, name = "csv"),
    @JsonSubTypes.Type(value = InputFormatSpec.Tsv.class, name = "tsv"),
})
public sealed interface InputFormatSpec {
  FlattenSpec flattenSpec();

  /** One JSON object per line (or several objects in sequence); nested fields reached with {@code flattenSpec}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record JsonFormat(@JsonProperty("flattenSpec") FlattenSpec flattenSpec,
                    @JsonProperty("keepNullColumns") Boolean keepNullColumns) implements InputFormatSpec {
  }

  /**
   * Comma-separated values. Columns come from {@code columns} or, with {@code findColumnsFromHeader}, from the
   * first row; {@code skipHeaderRows} rows are skipped first. {@code listDelimiter} splits multi-values.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Csv(@JsonProperty("columns") List<String> columns, @JsonProperty("listDelimiter") String listDelimiter,
             @JsonProperty("findColumnsFromHeader") Boolean findColumnsFromHeader,
             @JsonProperty("skipHeaderRows") Integer skipHeaderRows) implements InputFormatSpec {
    public Csv {
      columns = columns == null ? null : List.copyOf(columns);
      findColumnsFromHeader = Delimited.checkColumns("csv", columns, findColumnsFromHeader);
      skipHeaderRows = Specs.orDefault(skipHeaderRows, 0);
    }

    @Override
    public FlattenSpec flattenSpec() {
      return null;
    }
  }

  /** Tab-separated (or any {@code delimiter}) values; otherwise as {@link Csv}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Tsv(@JsonProperty("columns") List<String> columns, @JsonProperty("delimiter") String delimiter,
             @JsonProperty("listDelimiter") String listDelimiter,
             @JsonProperty("findColumnsFromHeader") Boolean findColumnsFromHeader,
             @JsonProperty("skipHeaderRows") Integer skipHeaderRows) implements InputFormatSpec {
    public Tsv {
      columns = columns == null ? null : List.copyOf(columns);
      delimiter = Specs.orDefault(delimiter, "\t");
      findColumnsFromHeader = Delimited.checkColumns("tsv", columns, findColumnsFromHeader);
      skipHeaderRows = Specs.orDefault(skipHeaderRows, 0);
    }

    @Override
    public FlattenSpec flattenSpec() {
      return null;
    }
  }

  final class Delimited {
    private Delimited() {
    }

    static Boolean checkColumns(String type, List<String> columns, Boolean findColumnsFromHeader) {
      boolean fromHeader = Boolean.TRUE.equals(findColumnsFromHeader);
      boolean hasColumns = columns != null && !columns.isEmpty();
      if (!fromHeader && !hasColumns) {
        throw new InvalidInputException("inputFormat", "The " + type + " inputFormat needs \"columns\" or "
            + "\"findColumnsFromHeader\": true so that it knows the column names");
      }
      if (fromHeader && hasColumns) {
        throw new InvalidInputException("inputFormat", "The " + type + " inputFormat cannot have both \"columns\" "
            + "and \"findColumnsFromHeader\": true");
      }
      return fromHeader;
    }
  }
}
