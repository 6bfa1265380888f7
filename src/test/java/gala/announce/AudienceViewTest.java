package gala.announce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import gala.announce.rules.Viewer;
import gala.platform.JsonDiff;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The per-subscriber filter on real JsonDiff deltas: hidden rows vanish, versions' deltas stay applicable. */
class AudienceViewTest {
  static JsonObject row(long id, String audience, Long competition) {
    JsonObject r = new JsonObject().put("id", id).put("text", "t" + id).put("priority", "normal").put("audience", audience);
    if (competition != null) {
      r.put("competitionId", competition);
    }
    return r;
  }

  static JsonObject snapshot(JsonObject... rows) {
    return new JsonObject().put("eventId", 1).put("announcements", new JsonArray(List.of((Object[]) rows)));
  }

  static final AudienceView PARTICIPANT = new AudienceView(Viewer.member(Set.of(5L), Set.of()));
  static final AudienceView JUDGE = new AudienceView(Viewer.member(Set.of(), Set.of(6L)));

  @Test
  void snapshotsLoseRowsOfOtherAudiences() {
    JsonObject s = snapshot(row(1, "event", null), row(2, "judges", null), row(3, "competition", 5L),
        row(4, "competition", 6L), row(5, "participants", null));
    assertEquals(snapshot(row(1, "event", null), row(3, "competition", 5L), row(5, "participants", null)),
        PARTICIPANT.apply(s));
    assertEquals(snapshot(row(1, "event", null), row(2, "judges", null), row(4, "competition", 6L)), JUDGE.apply(s));
    assertEquals(5, s.getJsonArray("announcements").size(), "the stored snapshot is not modified");
  }

  @Test
  void aDeltaWithOnlyAHiddenRowBecomesEmpty() {
    JsonObject before = snapshot(row(1, "event", null));
    JsonObject after = snapshot(row(1, "event", null), row(2, "judges", null));
    JsonObject delta = JsonDiff.diff(before, after);
    assertEquals(new JsonObject(), PARTICIPANT.apply(delta));
    assertEquals(delta, JUDGE.apply(delta));
  }

  @Test
  void filteredDeltasAppliedToAFilteredSnapshotGiveTheFilteredNextSnapshot() {
    JsonObject v0 = new JsonObject();
    JsonObject v1 = snapshot(row(1, "judges", null));
    JsonObject v2 = snapshot(row(1, "judges", null), row(2, "event", null), row(3, "competition", 5L));
    JsonObject v3 = snapshot(row(2, "event", null), row(3, "competition", 5L), row(4, "participants", null));
    JsonObject v4 = snapshot(row(3, "competition", 5L), row(4, "participants", null), row(5, "judges", null));
    JsonObject[] versions = {v0, v1, v2, v3, v4};
    for (AudienceView view : new AudienceView[] {PARTICIPANT, JUDGE, new AudienceView(Viewer.anonymous())}) {
      JsonObject client = view.apply(v0);
      for (int i = 1; i < versions.length; i++) {
        client = JsonDiff.apply(client, view.apply(JsonDiff.diff(versions[i - 1], versions[i])));
        assertEquals(view.apply(versions[i]), client, view.key() + " at version " + i);
      }
    }
  }

  @Test
  void orderListsAreNotPassedOnBecauseTheyMayNameHiddenRows() {
    JsonObject delta = new JsonObject().put("lists", new JsonObject().put("announcements",
        new JsonObject().put("order", new JsonArray().add(2).add(1))));
    assertEquals(new JsonObject(), PARTICIPANT.apply(delta));
  }

  @Test
  void organisersGetTheVeryObject() {
    JsonObject s = snapshot(row(1, "judges", null));
    assertSame(s, new AudienceView(Viewer.everything()).apply(s));
  }
}
