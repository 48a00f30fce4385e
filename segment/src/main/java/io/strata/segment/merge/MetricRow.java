package io.strata.segment.merge;

import io.strata.api.data.ColumnType;
import io.strata.api.data.SegmentSchema;
import io.strata.api.exec.AggregatorFactory;
import io.strata.api.query.AggregatorSpec;
import io.strata.processing.aggregation.Aggregators;

import java.util.List;

/**
 * The metric values of the merged row being built, and how rows combine under rollup. The built-in numeric
 * aggregators (count, long/float/double sum, min, max) combine on primitives; any other aggregator goes through
 * its {@link AggregatorFactory#combine} on boxed values. The operation is chosen once per metric, not per row.
 * A null value (no input had a value) stays null until a non-null value arrives. Not thread-safe.
 */
final class MetricRow {
  private static final byte SUM = 0;
  private static final byte MIN = 1;
  private static final byte MAX = 2;
  private static final byte GENERIC = 3;
  private static final byte T_LONG = 0;
  private static final byte T_FLOAT = 1;
  private static final byte T_DOUBLE = 2;
  private static final byte T_OBJECT = 3;

  private final byte[] types;
  private final byte[] ops;
  private final AggregatorFactory[] factories;
  /** Per metric: a long, or the raw bits of a float or double. */
  final long[] bits;
  final boolean[] nulls;
  /** Per metric of a non-numeric type: the value. */
  final Object[] objects;

  MetricRow(SegmentSchema target) {
    List<AggregatorSpec> metrics = target.metrics();
    int n = metrics.size();
    this.types = new byte[n];
    this.ops = new byte[n];
    this.factories = new AggregatorFactory[n];
    this.bits = new long[n];
    this.nulls = new boolean[n];
    this.objects = new Object[n];
    for (int m = 0; m < n; m++) {
      ColumnType type = target.metricTypes().get(m);
      types[m] = switch (type) {
        case LONG -> T_LONG;
        case FLOAT -> T_FLOAT;
        case DOUBLE -> T_DOUBLE;
        default -> T_OBJECT;
      };
      ops[m] = primitiveOp(metrics.get(m), type);
      if (ops[m] == GENERIC) {
        factories[m] = Aggregators.create(metrics.get(m));
      }
    }
  }

  /** Replaces the values with the current row of {@code in}. */
  void load(MergeInput in) {
    for (int m = 0; m < types.length; m++) {
      int si = in.metricIndex[m];
      if (si < 0) {
        nulls[m] = true;
        bits[m] = 0;
        objects[m] = null;
        continue;
      }
      if (types[m] == T_OBJECT) {
        Object v = in.source.metricObject(si);
        objects[m] = v;
        nulls[m] = v == null;
        continue;
      }
      boolean isNull = in.source.metricIsNull(si);
      nulls[m] = isNull;
      bits[m] = isNull ? 0 : read(in, si, types[m]);
    }
  }

  /** Folds the current row of {@code in} into the values (rollup of rows with equal keys). */
  void combine(MergeInput in) {
    for (int m = 0; m < types.length; m++) {
      int si = in.metricIndex[m];
      if (si < 0) {
        continue;
      }
      byte type = types[m];
      if (type == T_OBJECT) {
        Object v = in.source.metricObject(si);
        objects[m] = nulls[m] ? v : factories[m].combine(objects[m], v);
        nulls[m] = objects[m] == null;
        continue;
      }
      if (in.source.metricIsNull(si)) {
        continue;
      }
      long v = read(in, si, type);
      if (nulls[m]) {
        nulls[m] = false;
        bits[m] = v;
        continue;
      }
      bits[m] = switch (ops[m]) {
        case SUM -> sum(type, bits[m], v);
        case MIN -> min(type, bits[m], v);
        case MAX -> max(type, bits[m], v);
        default -> generic(m, type, bits[m], v);
      };
    }
  }

  private static long read(MergeInput in, int si, byte type) {
    return switch (type) {
      case T_LONG -> in.source.metricLong(si);
      case T_FLOAT -> Float.floatToRawIntBits(in.source.metricFloat(si));
      default -> Double.doubleToRawLongBits(in.source.metricDouble(si));
    };
  }

  private static long sum(byte type, long a, long b) {
    return switch (type) {
      case T_LONG -> a + b;
      case T_FLOAT -> Float.floatToRawIntBits(f(a) + f(b));
      default -> Double.doubleToRawLongBits(d(a) + d(b));
    };
  }

  private static long min(byte type, long a, long b) {
    return switch (type) {
      case T_LONG -> Math.min(a, b);
      case T_FLOAT -> Float.floatToRawIntBits(Math.min(f(a), f(b)));
      default -> Double.doubleToRawLongBits(Math.min(d(a), d(b)));
    };
  }

  private static long max(byte type, long a, long b) {
    return switch (type) {
      case T_LONG -> Math.max(a, b);
      case T_FLOAT -> Float.floatToRawIntBits(Math.max(f(a), f(b)));
      default -> Double.doubleToRawLongBits(Math.max(d(a), d(b)));
    };
  }

  private long generic(int m, byte type, long a, long b) {
    Object r = factories[m].combine(box(type, a), box(type, b));
    if (r == null) {
      nulls[m] = true;
      return 0;
    }
    Number n = (Number) r;
    return switch (type) {
      case T_LONG -> n.longValue();
      case T_FLOAT -> Float.floatToRawIntBits(n.floatValue());
      default -> Double.doubleToRawLongBits(n.doubleValue());
    };
  }

  /** The value of metric {@code m} boxed in its type, or null. */
  Object object(int m) {
    if (nulls[m]) {
      return null;
    }
    return types[m] == T_OBJECT ? objects[m] : box(types[m], bits[m]);
  }

  long asLong(int m) {
    return switch (types[m]) {
      case T_LONG -> bits[m];
      case T_FLOAT -> (long) f(bits[m]);
      case T_DOUBLE -> (long) d(bits[m]);
      default -> objects[m] == null ? 0 : ((Number) objects[m]).longValue();
    };
  }

  double asDouble(int m) {
    return switch (types[m]) {
      case T_LONG -> bits[m];
      case T_FLOAT -> f(bits[m]);
      case T_DOUBLE -> d(bits[m]);
      default -> objects[m] == null ? 0 : ((Number) objects[m]).doubleValue();
    };
  }

  float asFloat(int m) {
    return types[m] == T_FLOAT ? f(bits[m]) : (float) asDouble(m);
  }

  private static Object box(byte type, long v) {
    return switch (type) {
      case T_LONG -> v;
      case T_FLOAT -> f(v);
      default -> d(v);
    };
  }

  private static float f(long bits) {
    return Float.intBitsToFloat((int) bits);
  }

  private static double d(long bits) {
    return Double.longBitsToDouble(bits);
  }

  /** The primitive operation of a built-in aggregator whose stored type matches it, else {@link #GENERIC}. */
  private static byte primitiveOp(AggregatorSpec spec, ColumnType type) {
    if (spec instanceof AggregatorSpec.Count) {
      return type == ColumnType.LONG ? SUM : GENERIC;
    }
    String t = spec.type();
    String prefix = switch (type) {
      case LONG -> "long";
      case FLOAT -> "float";
      case DOUBLE -> "double";
      default -> null;
    };
    if (prefix == null || !t.startsWith(prefix)) {
      return GENERIC;
    }
    return switch (t.substring(prefix.length())) {
      case "Sum" -> SUM;
      case "Min" -> MIN;
      case "Max" -> MAX;
      default -> GENERIC;
    };
  }
}
