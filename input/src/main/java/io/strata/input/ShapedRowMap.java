package io.strata.input;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A row's fields as an insertion-ordered map whose keys live in a {@link Shape} shared by every row with the same
 * field names in the same order, so that a row costs one array of values instead of a hash map entry per field.
 * Behaves as a read-only {@link java.util.LinkedHashMap} would (iteration order, {@code equals}, {@code hashCode},
 * {@code toString}); {@link #get} is one probe of the shape's table.
 *
 * <p>Rows are made by a {@link Builder}, one per reader, which walks a tree of shapes keyed by field name: records
 * of one input nearly always share a handful of field sequences, so after the first rows every field costs one
 * identity comparison (Jackson hands out the same String instance for a field name every time).
 */
final class ShapedRowMap extends AbstractMap<String, Object> {
  private final Shape shape;
  private final Object[] values;

  private ShapedRowMap(Shape shape, Object[] values) {
    this.shape = shape;
    this.values = values;
  }

  @Override
  public Object get(Object key) {
    int i = key instanceof String s ? shape.indexOf(s) : -1;
    return i < 0 ? null : values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return key instanceof String s && shape.indexOf(s) >= 0;
  }

  @Override
  public int size() {
    return shape.names.length;
  }

  @Override
  public Set<String> keySet() {
    return shape.keySet;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < shape.names.length;
          }

          @Override
          public Entry<String, Object> next() {
            if (next >= shape.names.length) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(shape.names[i], values[i]);
          }
        };
      }

      @Override
      public int size() {
        return shape.names.length;
      }
    };
  }

  /** Field names in order, with a lookup table; immutable and shared by rows (and threads). */
  static final class Shape {
    private static final Shape EMPTY = new Shape(new String[0]);

    private final String[] names;
    private final Set<String> keySet;
    /** Open addressing over {@link #names}: index + 1, 0 for an empty slot. */
    private final int[] table;
    private final int mask;

    private Shape(String[] names) {
      this.names = names;
      this.keySet = Collections.unmodifiableSet(new java.util.LinkedHashSet<>(List.of(names)));
      int capacity = Integer.highestOneBit(Math.max(4, names.length * 2 - 1) * 2);
      this.table = new int[capacity];
      this.mask = capacity - 1;
      for (int i = 0; i < names.length; i++) {
        int slot = spread(names[i].hashCode()) & mask;
        while (table[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        table[slot] = i + 1;
      }
    }

    int indexOf(String name) {
      int slot = spread(name.hashCode()) & mask;
      while (true) {
        int entry = table[slot];
        if (entry == 0) {
          return -1;
        }
        String candidate = names[entry - 1];
        if (candidate == name || candidate.equals(name)) {
          return entry - 1;
        }
        slot = (slot + 1) & mask;
      }
    }

    private static int spread(int h) {
      return h ^ (h >>> 16);
    }
  }

  /**
   * Builds rows one after the other: {@link #start}, {@link #put} per field, {@link #build}. Not thread-safe; the
   * rows it builds are immutable.
   */
  static final class Builder {
    /** Shapes remembered at most; rows whose fields lead past them are built as plain maps. */
    private static final int MAX_SHAPES = 4096;

    /** A node of the shape tree: its shape and its children by next field name. */
    private static final class Node {
      final Shape shape;
      String onlyName;
      Node onlyChild;
      Map<String, Node> children;

      Node(Shape shape) {
        this.shape = shape;
      }

      Node child(String name) {
        if (onlyName == name) {
          return onlyChild;
        }
        if (children != null) {
          return children.get(name);
        }
        return onlyName != null && onlyName.equals(name) ? onlyChild : null;
      }

      void addChild(String name, Node child) {
        if (onlyName == null) {
          onlyName = name;
          onlyChild = child;
          return;
        }
        if (children == null) {
          children = new HashMap<>();
          children.put(onlyName, onlyChild);
        }
        children.put(name, child);
      }
    }

    private final Node root = new Node(Shape.EMPTY);
    private int shapes;
    private Node node;
    private Object[] values = new Object[16];
    /** The row being built, once it has left the remembered shapes (too many kinds of rows); else null. */
    private Map<String, Object> overflow;

    /** Starts a row. Slots of {@code values} past what this row sets are never read, so it is not cleared. */
    void start() {
      node = root;
      overflow = null;
    }

    /** Sets a field, as {@code LinkedHashMap.put} would: a name already set keeps its place and takes the value. */
    void put(String name, Object value) {
      if (overflow != null) {
        overflow.put(name, value);
        return;
      }
      Node next = node.child(name);
      if (next == null) {
        int existing = node.shape.indexOf(name);
        if (existing >= 0) {
          values[existing] = value;
          return;
        }
        if (shapes >= MAX_SHAPES) {
          // Input with this many field sequences (sparse optional fields, say) gains nothing from shapes: this
          // row continues as a plain insertion-ordered map.
          overflow = new java.util.LinkedHashMap<>();
          String[] names = node.shape.names;
          for (int i = 0; i < names.length; i++) {
            overflow.put(names[i], values[i]);
          }
          overflow.put(name, value);
          return;
        }
        next = extend(name);
      }
      int i = node.shape.names.length;
      if (i == values.length) {
        values = Arrays.copyOf(values, i * 2);
      }
      values[i] = value;
      node = next;
    }

    Object get(String name) {
      if (overflow != null) {
        return overflow.get(name);
      }
      int i = node.shape.indexOf(name);
      return i < 0 ? null : values[i];
    }

    boolean containsKey(String name) {
      return overflow != null ? overflow.containsKey(name) : node.shape.indexOf(name) >= 0;
    }

    /** The row built since {@link #start}. */
    Map<String, Object> build() {
      if (overflow != null) {
        Map<String, Object> row = overflow;
        overflow = null;
        node = null;
        return row;
      }
      Shape shape = node.shape;
      // The values array may be longer than the shape: the map reads only the shape's fields.
      ShapedRowMap row = new ShapedRowMap(shape, values);
      values = new Object[Math.max(4, shape.names.length)];
      node = null;
      return row;
    }

    private Node extend(String name) {
      String[] names = Arrays.copyOf(node.shape.names, node.shape.names.length + 1);
      names[names.length - 1] = name;
      Node child = new Node(new Shape(names));
      node.addChild(name, child);
      shapes++;
      return child;
    }
  }
}
