package io.strata.query.exec;

/**
 * The best {@code k} of the slots offered to it under a slot order, kept in a binary heap with the worst of them
 * at the root, so a slot that is not better than the current worst costs one comparison. Used to rank merged
 * groups on their primitive columns and make result objects only for the winners. Not thread-safe.
 */
public final class BestSlots {
  /** Orders slots: negative if slot {@code a} ranks before slot {@code b}. */
  @FunctionalInterface
  public interface Order {
    int compare(int a, int b);
  }

  private final Order order;
  private final int k;
  private final int[] slots;
  private int size;

  /** Keeps the best {@code k} slots; {@code expected} bounds the slots that will be offered (for sizing). */
  public BestSlots(Order order, int k, int expected) {
    this.order = order;
    this.k = Math.max(k, 0);
    this.slots = new int[Math.max(1, Math.min(this.k, expected))];
  }

  /** Offers one slot. */
  public void offer(int slot) {
    if (size < k) {
      if (size == slots.length) {
        throw new IllegalStateException("more slots offered than expected");
      }
      slots[size] = slot;
      siftUp(size++);
    } else if (k > 0 && order.compare(slot, slots[0]) < 0) {
      slots[0] = slot;
      siftDown(0);
    }
  }

  /** The number of slots kept. */
  public int size() {
    return size;
  }

  /** Kept slot {@code i} (heap order, not ranked). */
  public int get(int i) {
    return slots[i];
  }

  /** True if the slot at {@code i} ranks no better than the one at {@code j} and should sit above it. */
  private boolean worse(int i, int j) {
    return order.compare(slots[i], slots[j]) > 0;
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!worse(i, parent)) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int left = 2 * i + 1;
      if (left >= size) {
        return;
      }
      int worst = left;
      if (left + 1 < size && worse(left + 1, left)) {
        worst = left + 1;
      }
      if (!worse(worst, i)) {
        return;
      }
      swap(i, worst);
      i = worst;
    }
  }

  private void swap(int i, int j) {
    int t = slots[i];
    slots[i] = slots[j];
    slots[j] = t;
  }
}
