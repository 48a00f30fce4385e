package io.strata.processing.postagg;

import io.strata.api.error.InvalidInputException;
import io.strata.api.exec.PostAggregator;
import io.strata.processing.util.Numbers;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code arithmetic}: folds its fields left to right with {@code + - * / quotient pow}, in doubles. As in Druid,
 * {@code /} gives 0 when dividing by 0, while {@code quotient} is plain floating-point division (Infinity, NaN).
 * A null (or non-numeric) input gives null. The result is a Double.
 */
final class ArithmeticPostAggregator implements PostAggregator {
  private enum Op { PLUS, MINUS, MULT, DIV, QUOTIENT, POW }

  private final String name;
  private final Op op;
  private final PostAggregator[] fields;
  private final Comparator<Object> comparator;
  private final Set<String> dependentFields;

  ArithmeticPostAggregator(String name, String fn, List<PostAggregator> fields, String ordering) {
    this.name = name;
    this.op = switch (fn) {
      case "+" -> Op.PLUS;
      case "-" -> Op.MINUS;
      case "*" -> Op.MULT;
      case "/" -> Op.DIV;
      case "quotient" -> Op.QUOTIENT;
      case "pow" -> Op.POW;
      default -> throw new InvalidInputException("fn", "Unknown arithmetic fn [" + fn + "]");
    };
    this.fields = fields.toArray(new PostAggregator[0]);
    if (ordering == null) {
      this.comparator = ValueComparators.NATURAL_NULLS_FIRST;
    } else if (ordering.equals("numericFirst")) {
      this.comparator = ValueComparators.NUMERIC_FIRST;
    } else {
      throw new InvalidInputException("ordering", "arithmetic post-aggregator [" + name + "]: unknown ordering ["
          + ordering + "]; use numericFirst or leave it out");
    }
    this.dependentFields = PostAggregators.dependentFieldsOf(fields);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<String> dependentFields() {
    return dependentFields;
  }

  @Override
  public Object compute(Map<String, Object> row) {
    Number first = Numbers.asNumber(fields[0].compute(row));
    if (first == null) {
      return null;
    }
    double acc = first.doubleValue();
    for (int i = 1; i < fields.length; i++) {
      Number n = Numbers.asNumber(fields[i].compute(row));
      if (n == null) {
        return null;
      }
      double v = n.doubleValue();
      acc = switch (op) {
        case PLUS -> acc + v;
        case MINUS -> acc - v;
        case MULT -> acc * v;
        case DIV -> v == 0 ? 0 : acc / v;
        case QUOTIENT -> acc / v;
        case POW -> Math.pow(acc, v);
      };
    }
    return acc;
  }

  @Override
  public Comparator<Object> comparator() {
    return comparator;
  }

  @Override
  public String toString() {
    return "arithmetic(" + name + " = " + op + List.of(fields) + ")";
  }
}
