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

  record Player(String name, BigDecimal points, BigDecimal first, BigDecimal second) {}

  private static Player p(String name, int points, Integer first, Integer second) {
    return new Player(name, BigDecimal.valueOf(points), first == null ? null : BigDecimal.valueOf(first),
        second == null ? null : BigDecimal.valueOf(second));
  }

  private static final List<Ranking.TieBreak<Player>> RULES = List.of(
      Ranking.TieBreak.of("first", Player::first), Ranking.TieBreak.of("second", Player::second));

  @Test
  void tieBreaksApplyInOrderOnlyInsideTiedGroups() {
    List<Player> field = List.of(p("a", 5, 1, 9), p("b", 5, 2, 0), p("c", 7, 0, 0), p("d", 5, 2, 3), p("e", 1, 9, 9));
    List<Ranking.Ranked<Player>> r = Ranking.rank(field, Player::points, RULES);
    assertEquals(List.of("c", "d", "b", "a", "e"), r.stream().map(x -> x.item().name()).toList());
    assertEquals(List.of(1, 2, 3, 4, 5), r.stream().map(Ranking.Ranked::rank).toList());
    // c and e are placed by points alone; a by "first"; d and b needed "second" as well.
    assertEquals(java.util.Arrays.asList(null, "second", "second", "first", null),
        r.stream().map(Ranking.Ranked::decidedBy).toList());
    assertEquals(List.of(false, false, false, false, false), r.stream().map(Ranking.Ranked::tied).toList());
  }

  @Test
  void stillTiedAfterEveryRuleShareThePlaceInInputOrder() {
    List<Player> field = List.of(p("x", 3, 1, 1), p("y", 3, 1, 1), p("z", 3, 0, 5));
    List<Ranking.Ranked<Player>> r = Ranking.rank(field, Player::points, RULES);
    assertEquals(List.of("x", "y", "z"), r.stream().map(v -> v.item().name()).toList());
    assertEquals(List.of(1, 1, 3), r.stream().map(Ranking.Ranked::rank).toList());
    assertEquals(List.of(true, true, false), r.stream().map(Ranking.Ranked::tied).toList());
    assertEquals("first", r.get(2).decidedBy());
  }

  @Test
  void aMissingTieBreakValueRanksLast() {
    List<Player> field = List.of(p("none", 3, null, null), p("some", 3, 0, null));
    List<Ranking.Ranked<Player>> r = Ranking.rank(field, Player::points, RULES);
    assertEquals(List.of("some", "none"), r.stream().map(v -> v.item().name()).toList());
    assertEquals("first", r.get(0).decidedBy());
  }

  @Test
  void withoutTieBreaksNothingIsDecidedByOne() {
    List<Player> field = List.of(p("a", 3, 1, 1), p("b", 3, 2, 2));
    List<Ranking.Ranked<Player>> r = Ranking.rank(field, Player::points, List.of());
    assertEquals(List.of(1, 1), r.stream().map(Ranking.Ranked::rank).toList());
    assertEquals(java.util.Arrays.asList(null, null), r.stream().map(Ranking.Ranked::decidedBy).toList());
  }
}
