package gala.scoring.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RankingTest {
  record Athlete(String name, BigDecimal result) {}

  private static List<Integer> ranks(List<Ranking.Ranked<Athlete>> ranked) {
    return ranked.stream().map(Ranking.Ranked::rank).toList();
  }

  @Test
  void tiesShareAPlaceAndTheNextPlaceIsSkipped() {
    List<Athlete> field = List.of(
        new Athlete("a", new BigDecimal("8.0")), new Athlete("b", new BigDecimal("9.5")),
        new Athlete("c", new BigDecimal("9.50")), new Athlete("d", new BigDecimal("7.0")));
    List<Ranking.Ranked<Athlete>> ranked = Ranking.rank(field, Athlete::result);
    assertEquals(List.of(1, 1, 3, 4), ranks(ranked));
    assertEquals(List.of("b", "c", "a", "d"), ranked.stream().map(r -> r.item().name()).toList());
  }

  @Test
  void threeWayTieAtTheEnd() {
    Function<String, Athlete> a = v -> new Athlete(v, new BigDecimal(v));
    assertEquals(List.of(1, 2, 2, 2),
        ranks(Ranking.rank(List.of(a.apply("5"), a.apply("9"), a.apply("5"), a.apply("5")), Athlete::result)));
  }

  @Test
  void emptyFieldHasNoRanks() {
    assertEquals(List.of(), Ranking.rank(List.<Athlete>of(), Athlete::result));
  }
}
