package gala.announce.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ViewerTest {
  static final Audience EVENT = Audience.EVENT;
  static final Audience JUDGES = new Audience(Audience.Kind.JUDGES, null);
  static final Audience PARTICIPANTS = new Audience(Audience.Kind.PARTICIPANTS, null);

  static Audience competition(long id) {
    return new Audience(Audience.Kind.COMPETITION, id);
  }

  @Test
  void anonymousScreensSeeOnlyWholeEventAnnouncements() {
    Viewer v = Viewer.anonymous();
    assertTrue(v.sees(EVENT));
    assertFalse(v.sees(JUDGES));
    assertFalse(v.sees(PARTICIPANTS));
    assertFalse(v.sees(competition(1)));
  }

  @Test
  void signedInWithoutEntriesOrSeatsIsLikeAnonymous() {
    Viewer v = Viewer.member(Set.of(), Set.of());
    assertTrue(v.sees(EVENT));
    assertFalse(v.sees(PARTICIPANTS));
    assertFalse(v.sees(JUDGES));
    assertEquals(Viewer.anonymous().key(), v.key());
  }

  @Test
  void anEntrantSeesParticipantsAndTheirOwnCompetitionsButNeverJudges() {
    Viewer v = Viewer.member(Set.of(3L, 4L), Set.of());
    assertTrue(v.sees(EVENT));
    assertTrue(v.sees(PARTICIPANTS));
    assertTrue(v.sees(competition(3)));
    assertTrue(v.sees(competition(4)));
    assertFalse(v.sees(competition(5)));
    assertFalse(v.sees(JUDGES));
  }

  @Test
  void aJudgeSeesJudgesAndTheCompetitionsTheyJudgeButNotParticipants() {
    Viewer v = Viewer.member(Set.of(), Set.of(9L));
    assertTrue(v.sees(JUDGES));
    assertTrue(v.sees(competition(9)));
    assertFalse(v.sees(competition(3)));
    assertFalse(v.sees(PARTICIPANTS));
  }

  @Test
  void organisersSeeEverything() {
    Viewer v = Viewer.everything();
    assertTrue(v.seesEverything());
    for (Audience a : new Audience[] {EVENT, JUDGES, PARTICIPANTS, competition(77)}) {
      assertTrue(v.sees(a));
    }
  }

  @Test
  void keysAreEqualExactlyForViewersWhoSeeTheSame() {
    assertEquals(Viewer.member(Set.of(3L, 4L), Set.of()).key(), Viewer.member(Set.of(4L, 3L), Set.of()).key());
    assertNotEquals(Viewer.member(Set.of(3L), Set.of()).key(), Viewer.member(Set.of(4L), Set.of()).key());
    assertNotEquals(Viewer.member(Set.of(3L), Set.of()).key(), Viewer.member(Set.of(), Set.of(3L)).key());
    assertNotEquals(Viewer.everything().key(), Viewer.anonymous().key());
    assertEquals("competition:3|event|judges|participants", Viewer.member(Set.of(3L), Set.of(3L)).key());
  }

  @Test
  void audienceKeysAndNames() {
    assertEquals("event", EVENT.key());
    assertEquals("competition:12", competition(12).key());
    assertEquals("competition", competition(12).name());
    assertEquals("judges", JUDGES.key());
    assertThrows(IllegalArgumentException.class, () -> new Audience(Audience.Kind.COMPETITION, null));
    assertThrows(IllegalArgumentException.class, () -> new Audience(Audience.Kind.EVENT, 1L));
  }
}
