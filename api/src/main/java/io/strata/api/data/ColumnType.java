package io.strata.api.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.strata.api.error.InvalidInputException;

import java.util.Locale;

/** The value types a column can hold. Serialised in Druid's upper-case form ("STRING", "LONG", ...). */
public enum ColumnType {
  STRING, LONG, FLOAT, DOUBLE, COMPLEX;

  public boolean isNumeric() {
    return this == LONG || this == FLOAT || this == DOUBLE;
  }

  @JsonValue
  public String jsonName() {
    return name();
  }

  @JsonCreator
  public static ColumnType fromString(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("type", "unknown column type [" + s + "]; use string, long, float or double");
    }
  }
}
