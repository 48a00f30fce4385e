package io.strata.api.data;

/**
 * What a reader may assume about a column.
 *
 * @param dictionaryEncoded string values are dictionary ids (the dimension selector can look values up by id)
 * @param sortedDictionary  dictionary ids are in value order (range filters may binary search)
 * @param hasBitmapIndex    a bitmap of rows per dictionary id is available through {@link ColumnIndexSelector}
 * @param hasNulls          the column may contain nulls (a missing value is a null)
 */
public record ColumnCapabilities(String name, ColumnType type, boolean hasMultipleValues, boolean dictionaryEncoded,
                                 boolean sortedDictionary, boolean hasBitmapIndex, boolean hasNulls) {

  public static ColumnCapabilities numeric(String name, ColumnType type, boolean hasNulls) {
    return new ColumnCapabilities(name, type, false, false, false, false, hasNulls);
  }
}
