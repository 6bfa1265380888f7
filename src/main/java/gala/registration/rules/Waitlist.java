package gala.registration.rules;

import java.util.ArrayList;
import java.util.List;

/** Waitlist order: a list of entry ids, position 1 first. Positions stay gap-free. */
public final class Waitlist {
  private Waitlist() {}

  /** The order after moving {@code entryId} to {@code position} (1-based; clamped to the list). */
  public static List<Long> move(List<Long> order, long entryId, int position) {
    if (!order.contains(entryId)) {
      throw new IllegalArgumentException("entry " + entryId + " is not on the waitlist");
    }
    List<Long> out = new ArrayList<>(order);
    out.remove(entryId);
    int index = Math.max(0, Math.min(out.size(), position - 1));
    out.add(index, entryId);
    return out;
  }
}
