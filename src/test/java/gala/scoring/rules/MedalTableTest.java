package gala.scoring.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gala.scoring.rules.MedalTable.Placing;
import gala.scoring.rules.MedalTable.UnitLine;
import java.util.List;
import org.junit.jupiter.api.Test;

class MedalTableTest {

  @Test
  void medalsAndPointsPerUnitOrderedByGoldThenSilverThenBronzeThenPoints() {
    List<UnitLine> t = MedalTable.table(List.of(
        new Placing(1, "交通局", 1, 9), new Placing(2, "教育局", 2, 7), new Placing(3, "卫健委", 3, 6),
        new Placing(2, "教育局", 1, 9), new Placing(1, "交通局", 4, 5), new Placing(3, "卫健委", 2, 7),
        new Placing(4, "公安局", 8, 1)));
    // 教育局 one gold one silver; 交通局 one gold; 卫健委 one silver one bronze
    assertEquals(List.of("教育局", "交通局", "卫健委", "公安局"), t.stream().map(UnitLine::unit).toList());
    UnitLine transport = t.get(1);
    assertEquals(1, transport.gold());
    assertEquals(0, transport.silver());
    assertEquals(14, transport.points());
    assertEquals(1, transport.total());
    assertEquals(1, t.get(0).gold());
    assertEquals(1, t.get(0).silver());
    assertEquals(16, t.get(0).points());
    assertEquals(2, t.get(2).total());
    assertEquals(1, t.get(3).points());
    assertEquals(List.of(1, 2, 3, 4), t.stream().map(UnitLine::rank).toList());
  }

  @Test
  void sharedPlacesEachGetTheMedalAndEqualUnitsShareTheRank() {
    List<UnitLine> t = MedalTable.table(List.of(new Placing(1, "A", 1, 9), new Placing(2, "B", 1, 9),
        new Placing(3, "C", 3, 6), new Placing(9, null, 2, 7)));
    assertEquals(3, t.size(), "entries without a unit count for no unit");
    assertEquals(1, t.get(0).rank());
    assertEquals(1, t.get(1).rank());
    assertEquals(3, t.get(2).rank());
    assertEquals(1, t.get(2).bronze());
  }
}
