package gala.scoring.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Medals and team points per unit from official places: place 1 gold, 2 silver, 3 bronze, and
 * the competition's team points for its place (entries sharing a place each get that place's
 * medal and points). Units are ordered by gold, silver, bronze, then points, then name.
 */
public final class MedalTable {
  private MedalTable() {}

  /** One placed entry of an official competition. */
  public record Placing(long unitId, String unit, int place, int points) {}

  public record UnitLine(long unitId, String unit, int gold, int silver, int bronze, int points, int rank) {
    public int total() {
      return gold + silver + bronze;
    }
  }

  public static List<UnitLine> table(List<Placing> placings) {
    Map<String, int[]> units = new LinkedHashMap<>();
    Map<String, Long> ids = new LinkedHashMap<>();
    for (Placing p : placings) {
      if (p.unit() == null) {
        continue;
      }
      ids.put(p.unit(), p.unitId());
      int[] u = units.computeIfAbsent(p.unit(), k -> new int[4]);
      if (p.place() >= 1 && p.place() <= 3) {
        u[p.place() - 1]++;
      }
      u[3] += p.points();
    }
    List<Map.Entry<String, int[]>> sorted = new ArrayList<>(units.entrySet());
    Comparator<Map.Entry<String, int[]>> order = Comparator.<Map.Entry<String, int[]>>comparingInt(e -> -e.getValue()[0])
        .thenComparingInt(e -> -e.getValue()[1]).thenComparingInt(e -> -e.getValue()[2])
        .thenComparingInt(e -> -e.getValue()[3]);
    sorted.sort(order.thenComparing(Map.Entry::getKey));
    List<UnitLine> out = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      int[] u = sorted.get(i).getValue();
      int rank = i > 0 && order.compare(sorted.get(i - 1), sorted.get(i)) == 0 ? out.get(i - 1).rank() : i + 1;
      out.add(new UnitLine(ids.get(sorted.get(i).getKey()), sorted.get(i).getKey(), u[0], u[1], u[2], u[3], rank));
    }
    return out;
  }
}
