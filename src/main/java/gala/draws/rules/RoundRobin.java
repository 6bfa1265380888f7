package gala.draws.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Round robin by the circle method: the first entrant stays put, the others rotate one place per
 * round, so every pair meets exactly once in n-1 rounds. An odd field gets a phantom entrant; whoever
 * meets it has the bye, once each. Home and away alternate for the fixed entrant.
 */
public final class RoundRobin {
  private RoundRobin() {}

  public static List<List<Pairing>> rounds(List<Long> entrants) {
    List<Long> circle = new ArrayList<>(entrants);
    if (circle.size() < 2) {
      return List.of();
    }
    if (circle.size() % 2 == 1) {
      circle.add(Pairing.BYE);
    }
    int n = circle.size();
    List<List<Pairing>> out = new ArrayList<>();
    for (int r = 0; r < n - 1; r++) {
      List<Pairing> round = new ArrayList<>();
      for (int i = 0; i < n / 2; i++) {
        long a = circle.get(i);
        long b = circle.get(n - 1 - i);
        if (a == Pairing.BYE) {
          round.add(new Pairing(b, Pairing.BYE));
        } else if (b == Pairing.BYE) {
          round.add(new Pairing(a, Pairing.BYE));
        } else {
          round.add(i == 0 && r % 2 == 1 ? new Pairing(b, a) : new Pairing(a, b));
        }
      }
      out.add(round);
      // Rotate everyone but the first one place clockwise.
      circle.add(1, circle.remove(n - 1));
    }
    return out;
  }
}
