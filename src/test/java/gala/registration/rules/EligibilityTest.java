package gala.registration.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.events.rules.Division;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class EligibilityTest {
  static final LocalDate DAY = LocalDate.of(2026, 12, 1);
  static final Division U18 = new Division("U18", "少年组", null, null, 17);
  static final Division WOMEN = new Division("W", "女子组", "F", 18, 59);

  @Test
  void ageIsCountedOnTheFirstDayBirthdayIncluded() {
    assertEquals(18, Eligibility.ageOn(LocalDate.of(2008, 12, 1), DAY));
    assertEquals(17, Eligibility.ageOn(LocalDate.of(2008, 12, 2), DAY));
    assertEquals(2, Eligibility.ageOn(LocalDate.of(2024, 2, 29), DAY));
  }

  @Test
  void noDivisionsTakesAnyoneButRefusesANamedDivision() {
    assertTrue(Eligibility.check(List.of(), null, List.of(new Person("a", null, null)), DAY).ok());
    assertNull(Eligibility.check(List.of(), null, List.of(new Person("a", null, null)), DAY).division());
    assertEquals("UNKNOWN_DIVISION", Eligibility.check(List.of(), "X", List.of(new Person("a", null, null)), DAY).refusal());
  }

  @Test
  void boundsAreInclusive() {
    Person seventeen = new Person("a", LocalDate.of(2009, 12, 1), "M");
    Person eighteen = new Person("b", LocalDate.of(2008, 12, 1), "F");
    Person sixty = new Person("c", LocalDate.of(1966, 12, 1), "F");
    Person fiftyNine = new Person("d", LocalDate.of(1966, 12, 2), "F");
    assertTrue(Eligibility.check(List.of(U18), "U18", List.of(seventeen), DAY).ok());
    assertEquals("NOT_ELIGIBLE_AGE", Eligibility.check(List.of(U18), "U18", List.of(eighteen), DAY).refusal());
    assertTrue(Eligibility.check(List.of(WOMEN), "W", List.of(eighteen), DAY).ok());
    assertTrue(Eligibility.check(List.of(WOMEN), "W", List.of(fiftyNine), DAY).ok());
    assertEquals("NOT_ELIGIBLE_AGE", Eligibility.check(List.of(WOMEN), "W", List.of(sixty), DAY).refusal());
  }

  @Test
  void genderAndMissingDataHaveTheirOwnCodes() {
    assertEquals("NOT_ELIGIBLE_GENDER", Eligibility.check(List.of(WOMEN), "W",
        List.of(new Person("m", LocalDate.of(1990, 1, 1), "M")), DAY).refusal());
    assertEquals("GENDER_REQUIRED", Eligibility.check(List.of(WOMEN), "W",
        List.of(new Person("m", LocalDate.of(1990, 1, 1), null)), DAY).refusal());
    assertEquals("BIRTH_DATE_REQUIRED", Eligibility.check(List.of(U18), "U18", List.of(new Person("m", null, "M")), DAY).refusal());
    assertTrue(Eligibility.check(List.of(new Division("OPEN", "公开", null, null, null)), null,
        List.of(new Person("m", null, null)), DAY).ok(), "an open division needs no data");
  }

  @Test
  void withoutARequestTheFirstFittingDivisionIsChosenElseTheMostUsefulRefusal() {
    Person girl = new Person("g", LocalDate.of(2012, 1, 1), "F");
    Person woman = new Person("w", LocalDate.of(1990, 1, 1), "F");
    Person man = new Person("m", LocalDate.of(1990, 1, 1), "M");
    assertEquals("U18", Eligibility.check(List.of(U18, WOMEN), null, List.of(girl), DAY).division());
    assertEquals("W", Eligibility.check(List.of(U18, WOMEN), null, List.of(woman), DAY).division());
    Eligibility.Verdict v = Eligibility.check(List.of(U18, WOMEN), null, List.of(man), DAY);
    assertFalse(v.ok());
    assertEquals("NOT_ELIGIBLE_AGE", v.refusal(), "少年组 is open to him, but not at 36");
    assertEquals("NOT_ELIGIBLE_GENDER", Eligibility.check(List.of(WOMEN), null, List.of(man), DAY).refusal(),
        "gender only when no division is open to his gender");
    assertEquals("GENDER_REQUIRED", Eligibility.check(List.of(U18, WOMEN), null,
        List.of(new Person("x", LocalDate.of(1990, 1, 1), null)), DAY).refusal());
  }

  @Test
  void everyTeamMemberMustFit() {
    List<Person> team = List.of(new Person("a", LocalDate.of(1990, 1, 1), "F"), new Person("b", LocalDate.of(1950, 1, 1), "F"));
    Eligibility.Verdict v = Eligibility.check(List.of(WOMEN), "W", team, DAY);
    assertEquals("NOT_ELIGIBLE_AGE", v.refusal());
    assertTrue(v.message().contains("b"), v.message());
  }

  @Test
  void aManOf56InAnAgeGroupSplitByGenderIsRefusedForHisAgeWithTheFactsToSaySo() {
    Division men = new Division("M18", "男子18-35岁组", "M", 18, 35);
    Division women = new Division("F18", "女子18-35岁组", "F", 18, 35);
    Person man = new Person("张伟", LocalDate.of(1970, 6, 1), "M");
    Eligibility.Verdict v = Eligibility.check(List.of(men, women), null, List.of(man), DAY);
    assertEquals("NOT_ELIGIBLE_AGE", v.refusal());
    assertEquals("age", v.details().get("rule"));
    assertEquals(56, v.details().get("age"));
    assertEquals(18, v.details().get("minAge"));
    assertEquals(35, v.details().get("maxAge"));
    assertEquals("男子18-35岁组", v.details().get("division"));
    assertEquals("M18", v.details().get("divisionCode"));
    assertEquals("张伟", v.details().get("name"));
    // Asked for the women's group by name, the gender is what fails, and the details say which genders.
    Eligibility.Verdict asked = Eligibility.check(List.of(men, women), "F18", List.of(man), DAY);
    assertEquals("NOT_ELIGIBLE_GENDER", asked.refusal());
    assertEquals("gender", asked.details().get("rule"));
    assertEquals("M", asked.details().get("gender"));
    assertEquals("F", asked.details().get("divisionGender"));
  }
}
