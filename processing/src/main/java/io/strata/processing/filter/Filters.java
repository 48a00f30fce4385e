package io.strata.processing.filter;

import io.strata.api.exec.Filter;
import io.strata.api.query.FilterSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns filter specs into executable {@link Filter}s. Semantics follow Druid's SQL-compatible null handling:
 *
 * <ul>
 *   <li>{@code selector} / {@code in} compare string forms ({@code "10"} also matches the number 10 in numeric
 *       columns); a null value (or a null among {@code in}'s values) matches nulls; the empty string is not
 *       null;</li>
 *   <li>{@code equals} / {@code range} are typed by {@code matchValueType} and never match null;</li>
 *   <li>{@code bound} compares with its ordering and never matches null;</li>
 *   <li>{@code not} is SQL NOT: it matches where its child is FALSE, so {@code not(x = 'a')} excludes null
 *       x;</li>
 *   <li>a column the data does not have reads as null in every row.</li>
 * </ul>
 *
 * <p>Trees are simplified on the way: nested ands/ors are flattened, {@code true} children dropped from an
 * {@code and} ({@code false} from an {@code or}), an {@code and} with a {@code false} child becomes
 * {@code false}, {@code not(true)} becomes {@code false}.
 */
public final class Filters {
  private Filters() {
  }

  /** The filter for a spec, or null for a null spec. */
  public static Filter create(FilterSpec spec) {
    return spec == null ? null : build(spec);
  }

  /** A filter matching rows all the given filters match (null entries are ignored; null if none are left). */
  public static Filter and(List<Filter> filters) {
    List<BaseFilter> children = new ArrayList<>();
    for (Filter f : filters) {
      if (f != null) {
        children.add(asBase(f));
      }
    }
    return children.isEmpty() ? null : and0(children);
  }

  private static BaseFilter asBase(Filter f) {
    if (f instanceof BaseFilter b) {
      return b;
    }
    return new ForeignFilter(f);
  }

  /** A filter made elsewhere: it has no UNKNOWN outcome, so it answers the same with or without. */
  private static final class ForeignFilter extends BaseFilter {
    private final Filter f;

    ForeignFilter(Filter f) {
      this.f = f;
    }

    @Override
    org.roaringbitmap.buffer.ImmutableRoaringBitmap bitmap(io.strata.api.data.ColumnIndexSelector indexes,
                                                          boolean includeUnknown) {
      return f.computeBitmap(indexes);
    }

    @Override
    io.strata.api.exec.ValueMatcher matcher(io.strata.api.data.ColumnSelectorFactory factory,
                                            boolean includeUnknown) {
      return f.makeMatcher(factory);
    }

    @Override
    io.strata.api.exec.VectorValueMatcher vectorMatcher(io.strata.api.data.VectorColumnSelectorFactory factory,
                                                        boolean includeUnknown) {
      return f.makeVectorMatcher(factory);
    }

    @Override
    public java.util.Set<String> requiredColumns() {
      return f.requiredColumns();
    }
  }

  /** A filter on a column's values, or on their extracted values when the spec has an extractionFn. */
  private static BaseFilter column(String column, io.strata.api.query.ExtractionFnSpec extraction,
                                   MatchPredicate predicate) {
    if (extraction == null) {
      return new ColumnFilter(column, predicate);
    }
    return new ExtractionFilter(column, io.strata.processing.extraction.ExtractionFns.create(extraction), predicate);
  }

  /** Whether a string matches a search query spec ({@code contains}, {@code fragment}, ...). */
  public static java.util.function.Predicate<String> searchMatcher(FilterSpec.SearchQuerySpec query) {
    TextPredicate p = TextPredicate.search(query);
    return p::matchesString;
  }

  static BaseFilter build(FilterSpec spec) {
    if (spec instanceof FilterSpec.Selector s) {
      return column(s.dimension(), s.extractionFn(), s.value() == null ? IsNullPredicate.INSTANCE
          : ValueSetPredicate.ofStrings(List.of(s.value())));
    }
    if (spec instanceof FilterSpec.Equality e) {
      return new ColumnFilter(e.column(), ValueSetPredicate.ofTyped(e.column(), e.matchValueType(), e.matchValue()));
    }
    if (spec instanceof FilterSpec.In in) {
      if (in.values().isEmpty()) {
        return ConstantFilter.FALSE;
      }
      return column(in.dimension(), in.extractionFn(), ValueSetPredicate.ofStrings(in.values()));
    }
    if (spec instanceof FilterSpec.Bound b) {
      return column(b.dimension(), b.extractionFn(), RangePredicate.forBound(b));
    }
    if (spec instanceof FilterSpec.Range r) {
      return new ColumnFilter(r.column(), RangePredicate.forRange(r));
    }
    if (spec instanceof FilterSpec.IsNull n) {
      return new ColumnFilter(n.column(), IsNullPredicate.INSTANCE);
    }
    if (spec instanceof FilterSpec.Regex r) {
      return column(r.dimension(), r.extractionFn(), TextPredicate.regex(r.pattern()));
    }
    if (spec instanceof FilterSpec.Like l) {
      return column(l.dimension(), l.extractionFn(), TextPredicate.like(l.pattern(), l.escape()));
    }
    if (spec instanceof FilterSpec.Search q) {
      return column(q.dimension(), q.extractionFn(), TextPredicate.search(q.query()));
    }
    if (spec instanceof FilterSpec.IntervalFilter i) {
      return column(i.dimension(), i.extractionFn(), new IntervalPredicate(i.intervals()));
    }
    if (spec instanceof FilterSpec.ColumnComparison c) {
      return new ColumnComparisonFilter(c.dimensions());
    }
    if (spec instanceof FilterSpec.ExpressionFilter e) {
      return new ExpressionFilter(e.expression());
    }
    if (spec instanceof FilterSpec.And a) {
      List<BaseFilter> children = new ArrayList<>();
      for (FilterSpec f : a.fields()) {
        children.add(build(f));
      }
      return and0(children);
    }
    if (spec instanceof FilterSpec.Or o) {
      List<BaseFilter> children = new ArrayList<>();
      for (FilterSpec f : o.fields()) {
        children.add(build(f));
      }
      return or0(children);
    }
    if (spec instanceof FilterSpec.Not n) {
      BaseFilter child = build(n.field());
      if (child instanceof ConstantFilter c) {
        return c.value() ? ConstantFilter.FALSE : ConstantFilter.TRUE;
      }
      if (child instanceof NotFilter nn) {
        return nn.child();
      }
      return new NotFilter(child);
    }
    if (spec instanceof FilterSpec.True) {
      return ConstantFilter.TRUE;
    }
    if (spec instanceof FilterSpec.False) {
      return ConstantFilter.FALSE;
    }
    throw new IllegalArgumentException("unknown filter spec " + spec);
  }

  private static BaseFilter and0(List<BaseFilter> in) {
    List<BaseFilter> out = new ArrayList<>();
    for (BaseFilter f : in) {
      if (f instanceof AndFilter a) {
        out.addAll(a.children());
      } else if (f instanceof ConstantFilter c) {
        if (!c.value()) {
          return ConstantFilter.FALSE;
        }
      } else {
        out.add(f);
      }
    }
    if (out.isEmpty()) {
      return ConstantFilter.TRUE;
    }
    return out.size() == 1 ? out.get(0) : new AndFilter(out);
  }

  private static BaseFilter or0(List<BaseFilter> in) {
    List<BaseFilter> out = new ArrayList<>();
    for (BaseFilter f : in) {
      if (f instanceof OrFilter o) {
        out.addAll(o.children());
      } else if (f instanceof ConstantFilter c) {
        if (c.value()) {
          return ConstantFilter.TRUE;
        }
      } else {
        out.add(f);
      }
    }
    if (out.isEmpty()) {
      return ConstantFilter.FALSE;
    }
    return out.size() == 1 ? out.get(0) : new OrFilter(out);
  }
}
