package gala.registration.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import gala.events.rules.Division;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A batch is decided in order, as if its applicants had come one after another. */
class AdmissionTest {
  static final LocalDate DAY = LocalDate.of(2026, 12, 1);

  static Admission.Applicant named(long unit, String name, String birth) {
    return new Admission.Applicant(null, unit, List.of(new Person(name, birth == null ? null : LocalDate.parse(birth), "F")),
        null, false);
  }

  static Admission.Applicant self(long user) {
    return new Admission.Applicant(user, null, List.of(new Person("User " + user, LocalDate.of(1990, 1, 1), "M")), null, false);
  }

  @Test
  void confirmsWhilePlacesLastThenWaitlistsAtTheNextPositionsInBatchOrder() {
    Admission a = new Admission(new Admission.Rules(3, null, List.of(), DAY), 2, 4, Map.of(), List.of());
    Admission.Admit first = (Admission.Admit) a.decide(named(1, "Li Na", "1990-01-01"), 100);
    Admission.Admit second = (Admission.Admit) a.decide(named(1, "Wang Fang", "1991-01-01"), 101);
    Admission.Admit third = (Admission.Admit) a.decide(named(2, "Zhao Lei", "1992-01-01"), 102);
    assertEquals(true, first.confirmed());
    assertNull(first.position());
    assertEquals(false, second.confirmed());
    assertEquals(5, second.position());
    assertEquals(6, third.position());
    assertEquals(3, a.confirmed());
    assertEquals(6, a.waitlisted());
  }

  @Test
  void theUnitQuotaCountsWhatTheBatchAdmittedBeforeAndARefusalTakesNoPlace() {
    Admission a = new Admission(new Admission.Rules(10, 2, List.of(), DAY), 0, 0, Map.of(7L, 1), List.of());
    assertInstanceOf(Admission.Admit.class, a.decide(named(7, "A", "1990-01-01"), 1));
    Admission.Refuse no = (Admission.Refuse) a.decide(named(7, "B", "1990-01-01"), 2);
    assertEquals("UNIT_QUOTA_REACHED", no.code());
    assertEquals(422, no.status());
    assertEquals(1, a.confirmed(), "the refused applicant took no place");
    assertInstanceOf(Admission.Admit.class, a.decide(named(8, "B", "1990-01-01"), 3));
  }

  @Test
  void anAccountEnteredTwiceInOneBatchOrAlreadyEnteredIsRefused() {
    Admission a = new Admission(new Admission.Rules(10, null, List.of(), DAY), 1, 0, Map.of(),
        List.of(new Admission.Entered("u:5", "User 5", null, null, true, 40)));
    Admission.Refuse already = (Admission.Refuse) a.decide(self(5), 1);
    assertEquals("ALREADY_REGISTERED", already.code());
    assertEquals("User 5", already.details().get("names"));
    Admission.Admit in = (Admission.Admit) a.decide(self(6), 2);
    assertEquals(List.of("u:6"), in.keys());
    assertEquals("ALREADY_REGISTERED", ((Admission.Refuse) a.decide(self(6), 3)).code());
  }

  @Test
  void namesakesOfTheSameUnitAreJudgedAgainstEarlierApplicantsOfTheBatchToo() {
    Admission a = new Admission(new Admission.Rules(10, null, List.of(), DAY), 0, 0, Map.of(), List.of());
    assertInstanceOf(Admission.Admit.class, a.decide(named(1, "Li Na", "1990-01-01"), 1));
    Admission.Refuse same = (Admission.Refuse) a.decide(named(1, "li na", "1990-01-01"), 2);
    assertEquals("ALREADY_REGISTERED", same.code());
    assertEquals(1L, same.details().get("entryId"));
    Admission.Refuse unsure = (Admission.Refuse) a.decide(named(1, "Li Na", null), 3);
    assertEquals("POSSIBLE_DUPLICATE", unsure.code());
    Admission.Admit other = (Admission.Admit) a.decide(named(1, "Li Na", "1995-05-05"), 4);
    assertEquals(List.of("n:1:li na:1995-05-05"), other.keys());
    // Another unit's Li Na is another person.
    assertInstanceOf(Admission.Admit.class, a.decide(named(2, "Li Na", "1990-01-01"), 5));
  }

  @Test
  void anotherPersonOfTheSameNameAndBirthGetsANumberedKey() {
    Admission a = new Admission(new Admission.Rules(10, null, List.of(), DAY), 0, 0, Map.of(),
        List.of(new Admission.Entered("n:1:li na:", "Li Na", null, 1L, false, 9)));
    Admission.Applicant twin = new Admission.Applicant(null, 1L, List.of(new Person("Li Na", null, "F")), null, true);
    assertEquals(List.of("n:1:li na:#2"), ((Admission.Admit) a.decide(twin, 10)).keys());
    assertEquals(List.of("n:1:li na:#3"), ((Admission.Admit) a.decide(twin, 11)).keys());
  }

  @Test
  void anIneligibleApplicantIsRefusedBeforeAnythingIsCounted() {
    List<Division> divisions = List.of(new Division("U18", "Under 18", null, null, 17));
    Admission a = new Admission(new Admission.Rules(10, null, divisions, DAY), 0, 0, Map.of(), List.of());
    Admission.Refuse no = (Admission.Refuse) a.decide(named(1, "Old", "1950-01-01"), 1);
    assertEquals(422, no.status());
    assertEquals(0, a.confirmed());
    Admission.Admit young = (Admission.Admit) a.decide(named(1, "Young", "2015-01-01"), 2);
    assertEquals("U18", young.division());
  }
}
