package io.strata.server.http;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.strata.api.error.InvalidInputException;
import io.strata.api.error.Messages;
import io.strata.api.error.QueryContextException;
import io.strata.api.error.ResourceLimitException;
import io.strata.api.json.Json;
import io.strata.query.QueryTimeoutException;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns any failure of a request into the error a Druid client expects. What the user can fix becomes a 400 that
 * names the field and says what is allowed, in the user's terms — "expected a whole number, got the string "x"" —
 * never in Java's ("Cannot deserialize value of type `java.lang.Integer`"); what the user cannot fix becomes a 500
 * that names only an error id to find in the log. As a last guard, {@link #scrub} removes qualified Java names from
 * every message that leaves the server.
 */
final class ErrorTranslation {
  private ErrorTranslation() {
  }

  static HttpError toHttpError(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof HttpError h) {
        return h;
      }
      if (c instanceof QueryContextException e) {
        return HttpError.legacyQuery(400, "Query context parse failed", "INVALID_INPUT", e.getMessage());
      }
      if (c instanceof InvalidInputException e) {
        return HttpError.badRequest(e.getMessage(), e.field());
      }
      if (c.getCause() == c) {
        break;
      }
    }
    Throwable cause = t;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof QueryTimeoutException e) {
      return HttpError.timeout(e.getMessage());
    }
    if (cause instanceof io.strata.query.exec.QueryCancelledException e) {
      return HttpError.cancelled(e.getMessage());
    }
    if (cause instanceof ResourceLimitException e) {
      return HttpError.resourceLimit(e.getMessage());
    }
    if (cause instanceof JsonProcessingException e) {
      return fromJackson(e);
    }
    if (cause instanceof StackOverflowError) {
      return HttpError.badRequestLogged("The request is nested too deeply to be processed; simplify its filters or "
          + "expressions", null);
    }
    return HttpError.internal();
  }

  private static HttpError fromJackson(JsonProcessingException e) {
    String path = fieldPath(e);
    String at = path == null ? "" : " [" + path + "]";
    if (e instanceof StreamConstraintsException || e.getCause() instanceof StreamConstraintsException) {
      return HttpError.badRequest("The JSON is nested too deeply: at most " + Json.MAX_NESTING_DEPTH
          + " levels of objects and arrays are allowed", path);
    }
    if (e instanceof InvalidTypeIdException typeId) {
      return HttpError.badRequest(describeTypeId(typeId, path), path);
    }
    if (e instanceof InvalidNullException) {
      return HttpError.badRequest("Invalid value for field" + at + ": null is not allowed here", path);
    }
    if (e instanceof InvalidFormatException f) {
      return HttpError.badRequest("Invalid value for field" + at + ": expected " + describe(f.getTargetType())
          + ", got " + describeValue(f.getValue()), path);
    }
    if (e instanceof ValueInstantiationException v) {
      // A record constructor refused the value with something other than an InvalidInputException.
      Throwable c = v.getCause();
      String detail = c instanceof IllegalArgumentException && c.getMessage() != null ? ": " + c.getMessage() : "";
      return HttpError.badRequestLogged("Invalid value for field" + at + detail, path);
    }
    if (e instanceof MismatchedInputException m) {
      String found = found(m);
      if (m.getTargetType() != null) {
        return HttpError.badRequest("Invalid value for field" + at + ": expected " + describe(m.getTargetType())
            + (found == null ? "" : ", got " + found), path);
      }
      return HttpError.badRequest("Invalid value for field" + at + ": " + e.getOriginalMessage(), path);
    }
    if (e instanceof JsonMappingException && e.getCause() instanceof InputCoercionException inner) {
      // A number out of range for its field, wrapped with the path where it was read.
      return HttpError.badRequest("Invalid value for field" + at + ": " + inner.getOriginalMessage(), path);
    }
    JsonProcessingException syntax = e instanceof JsonMappingException && e.getCause() instanceof
        JsonProcessingException inner ? inner : e;
    return HttpError.badRequest("Malformed JSON: " + syntax.getOriginalMessage()
        + (syntax.getLocation() == null ? "" : " at line " + syntax.getLocation().getLineNr() + ", column "
        + syntax.getLocation().getColumnNr()), path);
  }

  /** What a value of the Java type is to a user writing JSON. */
  static String describe(Class<?> raw) {
    if (raw == Integer.class || raw == int.class) {
      return "a whole number from -2147483648 to 2147483647";
    }
    if (raw == Long.class || raw == long.class || raw == Short.class || raw == short.class || raw == Byte.class
        || raw == byte.class || raw == BigInteger.class) {
      return "a whole number";
    }
    if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class
        || raw == BigDecimal.class || raw == Number.class) {
      return "a number";
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return "true or false";
    }
    if (raw == String.class || raw == CharSequence.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
      return "a list";
    }
    if (raw.isEnum()) {
      StringBuilder sb = new StringBuilder("one of ");
      Object[] values = raw.getEnumConstants();
      for (int i = 0; i < values.length; i++) {
        sb.append(i == 0 ? "" : ", ").append(values[i]);
      }
      return sb.toString();
    }
    if (Map.class.isAssignableFrom(raw) || raw.isRecord() || raw.isInterface()) {
      return "an object";
    }
    return "a value of another kind";
  }

  private static String describeValue(Object v) {
    if (v instanceof String s) {
      return "the string \"" + (s.length() > 100 ? s.substring(0, 100) + "..." : s) + "\"";
    }
    return v == null ? "null" : String.valueOf(v);
  }

  /** The JSON token the parser stood on when the mismatch was found. */
  private static String found(MismatchedInputException m) {
    if (!(m.getProcessor() instanceof JsonParser p)) {
      return null;
    }
    JsonToken token = p.currentToken();
    if (token == null) {
      return "the end of the input";
    }
    return switch (token) {
      case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
      case START_ARRAY, END_ARRAY -> "a list";
      case VALUE_STRING -> {
        try {
          yield describeValue(p.getText());
        } catch (IOException e) {
          yield "a string";
        }
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> null;
    };
  }

  private static String describeTypeId(InvalidTypeIdException e, String path) {
    String property = path == null || path.isEmpty() ? "type" : path + ".type";
    StringBuilder known = new StringBuilder();
    if (e.getBaseType() != null) {
      var sub = e.getBaseType().getRawClass().getAnnotation(JsonSubTypes.class);
      if (sub != null) {
        for (var t : sub.value()) {
          for (String n : t.names().length > 0 ? t.names() : new String[] {t.name()}) {
            if (!known.isEmpty()) {
              known.append(", ");
            }
            known.append(n);
          }
        }
      }
    }
    String id = e.getTypeId();
    String what = id == null ? "Missing type" : "Unknown type [" + id + "]";
    return what + " at [" + property + "]" + (known.isEmpty() ? "" : "; known types: " + known);
  }

  static String fieldPath(JsonProcessingException e) {
    if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (var ref : m.getPath()) {
      if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.isEmpty() ? null : sb.toString();
  }

  /** The message with qualified Java names replaced, so no class name leaves the server. */
  static String scrub(String message) {
    return Messages.scrub(message);
  }
}
