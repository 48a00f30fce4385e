package io.strata.segment.merge;

/**
 * A binary min-heap of small int indices (merge inputs) ordered by {@link #less}. Supports replacing the top after
 * it advanced ({@link #updateTop}), which costs one sift instead of a pop and a push. Not thread-safe.
 */
abstract class IndexHeap {
  private final int[] heap;
  private int size;

  IndexHeap(int capacity) {
    this.heap = new int[capacity];
  }

  /** True if index {@code a} orders before index {@code b}. */
  abstract boolean less(int a, int b);

  int size() {
    return size;
  }

  int top() {
    return heap[0];
  }

  void add(int index) {
    int i = size++;
    heap[i] = index;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!less(heap[i], heap[parent])) {
        break;
      }
      swap(i, parent);
      i = parent;
    }
  }

  /** Restores order after the top's key grew. */
  void updateTop() {
    siftDown(0);
  }

  void pop() {
    heap[0] = heap[--size];
    siftDown(0);
  }

  private void siftDown(int i) {
    while (true) {
      int left = 2 * i + 1;
      if (left >= size) {
        return;
      }
      int smallest = left;
      int right = left + 1;
      if (right < size && less(heap[right], heap[left])) {
        smallest = right;
      }
      if (!less(heap[smallest], heap[i])) {
        return;
      }
      swap(i, smallest);
      i = smallest;
    }
  }

  private void swap(int a, int b) {
    int t = heap[a];
    heap[a] = heap[b];
    heap[b] = t;
  }
}
