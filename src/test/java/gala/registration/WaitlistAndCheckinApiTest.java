package gala.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import gala.platform.JsonDiff;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.ApiTestBase;
import gala.testing.Dates;
import gala.testing.LiveClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Withdrawal promotes the waitlist's head (pushed live), leaving and reordering, and QR check-in. */
@ExtendWith(VertxExtension.class)
class WaitlistAndCheckinApiTest extends ApiTestBase {
  static Reg reg;
  static String organiser;
  static long event;

  @BeforeAll
  static void setUp() {
    reg = new Reg(api);
    organiser = Api.token(reg.signup("org@wait.test", "organiser", null));
    event = RegistrationRulesApiTest.created(api.post("/api/v1/events", organiser,
        new JsonObject().put("title", "候补").put("startsOn", Dates.inDays(0)).put("endsOn", Dates.inDays(1))));
  }

  @Test
  void withdrawingPromotesTheFirstWaitlistedAndPushesItToThatUserAndTheEntryList(Vertx vertx) {
    long comp = reg.competition(organiser, event, new JsonObject().put("capacity", 2));
    List<JsonObject> people = new ArrayList<>();
    List<Long> entries = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      JsonObject s = reg.signup("w" + i + "@wait.test", "participant", null);
      people.add(s);
      entries.add(reg.register(Api.token(s), comp, new JsonObject()).json().getLong("id"));
    }
    JsonObject third = people.get(2);
    try (LiveClient mine = LiveClient.connect(vertx, gala.port()); LiveClient org = LiveClient.connect(vertx, gala.port())) {
      // user:<id> is private: no auth frame, no subscription.
      mine.subscribe("user:" + Api.userId(third), null);
      assertEquals("error", mine.next().getString("type"));
      mine.send(new JsonObject().put("op", "auth").put("token", Api.token(third)));
      assertEquals("authenticated", mine.next().getString("type"));
      mine.subscribe("user:" + Api.userId(third), null);
      JsonObject snap = mine.next();
      assertEquals("snapshot", snap.getString("type"), snap.encode());
      JsonObject myEntry = snap.getJsonObject("data").getJsonArray("entries").getJsonObject(0);
      assertEquals("WAITLISTED", myEntry.getString("status"));
      assertEquals(1, myEntry.getInteger("waitlistPosition"));

      org.send(new JsonObject().put("op", "auth").put("token", organiser));
      org.next();
      org.subscribe("user:" + Api.userId(third), null);
      JsonObject refused = org.next();
      assertEquals("FORBIDDEN", refused.getString("code"), "another user's notices stay private: " + refused);
      org.subscribe("entries:" + comp, null);
      JsonObject list = org.next();
      assertEquals(2, list.getJsonObject("data").getInteger("confirmed"));
      assertEquals(3, list.getJsonObject("data").getInteger("waitlisted"));

      Response withdrawn = reg.deleteOnce("/api/v1/entries/" + entries.get(0), Api.token(people.get(0)));
      assertEquals(200, withdrawn.status(), withdrawn.text());
      assertEquals("WITHDRAWN", withdrawn.json().getString("status"));

      JsonObject delta = mine.next();
      assertEquals("delta", delta.getString("type"));
      assertEquals(snap.getLong("version") + 1, delta.getLong("version"));
      JsonObject after = JsonDiff.apply(snap.getJsonObject("data"), delta.getJsonObject("data"));
      JsonObject promoted = after.getJsonArray("entries").getJsonObject(0);
      assertEquals("CONFIRMED", promoted.getString("status"));
      assertNotNull(promoted.getString("promotedAt"));

      JsonObject listDelta = org.next();
      JsonObject listAfter = JsonDiff.apply(list.getJsonObject("data"), listDelta.getJsonObject("data"));
      assertEquals(2, listAfter.getInteger("confirmed"));
      assertEquals(2, listAfter.getInteger("waitlisted"));
    }
    JsonArray waitlist = reg.entries(comp, "status=WAITLISTED");
    assertEquals(List.of(entries.get(3), entries.get(4)), ids(waitlist));
    assertEquals(List.of(1, 2), positions(waitlist));
    assertEquals(409, reg.deleteOnce("/api/v1/entries/" + entries.get(0), Api.token(people.get(0))).status());
    assertEquals(403, reg.deleteOnce("/api/v1/entries/" + entries.get(3), Api.token(people.get(4))).status());
  }

  /**
   * Withdrawing, leaving the waitlist and setting a bib take an Idempotency-Key: a retry after a lost
   * reply gets the first reply (not 409 ALREADY_WITHDRAWN) and changes nothing.
   */
  @Test
  void aRetriedWithdrawalLeaveOrBibGetsTheFirstReplyAndChangesNothing() {
    long comp = reg.competition(organiser, event, new JsonObject().put("capacity", 1));
    List<String> tokens = new ArrayList<>();
    List<Long> entries = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String t = Api.token(reg.signup("retry" + i + "@wait.test", "participant", null));
      tokens.add(t);
      entries.add(reg.register(t, comp, new JsonObject()).json().getLong("id"));
    }
    String first = "/api/v1/entries/" + entries.get(0);
    JsonArray before = reg.entries(comp, null);
    Response noKey = reg.delete(first, tokens.get(0));
    assertEquals(400, noKey.status(), noKey.text());
    assertEquals("IDEMPOTENCY_KEY_REQUIRED", noKey.errorCode());
    assertEquals(before, reg.entries(comp, null), "a refusal changes nothing");

    String withdrawal = UUID.randomUUID().toString();
    Response withdrawn = reg.send("DELETE", first, tokens.get(0), null, null, withdrawal);
    assertEquals(200, withdrawn.status(), withdrawn.text());
    JsonArray afterWithdrawal = reg.entries(comp, null);
    assertEquals(List.of(entries.get(1)), ids(reg.entries(comp, "status=CONFIRMED")), "the waitlist's head moved up");
    Response retried = reg.send("DELETE", first, tokens.get(0), null, null, withdrawal);
    assertEquals(200, retried.status(), retried.text());
    assertEquals(withdrawn.json(), retried.json(), "the first reply again");
    assertEquals(afterWithdrawal, reg.entries(comp, null), "the retry changed nothing");
    assertEquals("ALREADY_WITHDRAWN", reg.deleteOnce(first, tokens.get(0)).errorCode(), "a new withdrawal is refused");

    String leave = UUID.randomUUID().toString();
    String third = "/api/v1/entries/" + entries.get(2) + "/waitlist";
    Response left = reg.send("DELETE", third, tokens.get(2), null, null, leave);
    assertEquals(200, left.status(), left.text());
    JsonArray afterLeaving = reg.entries(comp, null);
    Response leftAgain = reg.send("DELETE", third, tokens.get(2), null, null, leave);
    assertEquals(left.json(), leftAgain.json());
    assertEquals(afterLeaving, reg.entries(comp, null));

    String bib = UUID.randomUUID().toString();
    String second = "/api/v1/entries/" + entries.get(1);
    byte[] seven = new JsonObject().put("bib", 9071).encode().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Response set = reg.send("PATCH", second, organiser, "application/json", seven, bib);
    assertEquals(200, set.status(), set.text());
    assertEquals(9071, set.json().getInteger("bib"));
    assertEquals(set.json(), reg.send("PATCH", second, organiser, "application/json", seven, bib).json());
    byte[] eight = new JsonObject().put("bib", 9072).encode().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Response reused = reg.send("PATCH", second, organiser, "application/json", eight, bib);
    assertEquals(422, reused.status(), reused.text());
    assertEquals("IDEMPOTENCY_KEY_REUSED", reused.errorCode());
    assertEquals(9071, reg.entries(comp, "status=CONFIRMED").getJsonObject(0).getInteger("bib"), "the key's other body wrote nothing");
  }

  @Test
  void leavingTheWaitlistClosesTheGapAndAReorderKeepsItsReason() {
    long comp = reg.competition(organiser, event, new JsonObject().put("capacity", 1));
    List<String> tokens = new ArrayList<>();
    List<Long> entries = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String t = Api.token(reg.signup("l" + i + "@wait.test", "participant", null));
      tokens.add(t);
      entries.add(reg.register(t, comp, new JsonObject()).json().getLong("id"));
    }
    assertEquals("NOT_WAITLISTED", reg.deleteOnce("/api/v1/entries/" + entries.get(0) + "/waitlist", tokens.get(0)).errorCode());
    assertEquals(200, reg.deleteOnce("/api/v1/entries/" + entries.get(2) + "/waitlist", tokens.get(2)).status());
    assertEquals(List.of(entries.get(1), entries.get(3), entries.get(4)), ids(reg.entries(comp, "status=WAITLISTED")));

    Response noReason = api.post("/api/v1/competitions/" + comp + "/waitlist", organiser,
        new JsonObject().put("entryId", entries.get(4)).put("position", 1).put("reason", "  "));
    assertEquals(400, noReason.status());
    Response byParticipant = api.post("/api/v1/competitions/" + comp + "/waitlist", tokens.get(4),
        new JsonObject().put("entryId", entries.get(4)).put("position", 1).put("reason", "我想先"));
    assertEquals(403, byParticipant.status());
    Response moved = api.post("/api/v1/competitions/" + comp + "/waitlist", organiser,
        new JsonObject().put("entryId", entries.get(4)).put("position", 1).put("reason", "上届冠军，组委会特批"));
    assertEquals(200, moved.status(), moved.text());
    JsonArray waitlist = reg.entries(comp, "status=WAITLISTED");
    assertEquals(List.of(entries.get(4), entries.get(1), entries.get(3)), ids(waitlist));
    assertEquals(List.of(1, 2, 3), positions(waitlist));
    JsonArray changes = api.get("/api/v1/competitions/" + comp + "/waitlist/changes", organiser).json().getJsonArray("items");
    assertEquals(1, changes.size());
    assertEquals("上届冠军，组委会特批", changes.getJsonObject(0).getString("reason"));
    assertEquals(3, changes.getJsonObject(0).getInteger("fromPosition"));
    assertEquals(1, changes.getJsonObject(0).getInteger("toPosition"));

    // Growing the capacity promotes in waitlist order at once.
    assertEquals(200, reg.patch("/api/v1/competitions/" + comp, organiser, new JsonObject().put("capacity", 2)).status());
    assertEquals("CONFIRMED", api.get("/api/v1/entries/" + entries.get(4), null).json().getString("status"));
    assertEquals("CAPACITY_BELOW_CONFIRMED",
        reg.patch("/api/v1/competitions/" + comp, organiser, new JsonObject().put("capacity", 1)).errorCode());
  }

  @Test
  void aScannedQrChecksInOnceAndASecondScanSaysWhen() throws Exception {
    long comp = reg.competition(organiser, event, new JsonObject().put("capacity", 1));
    String athlete = Api.token(reg.signup("qr@wait.test", "participant", null));
    String waiting = Api.token(reg.signup("qr2@wait.test", "participant", null));
    long entry = reg.register(athlete, comp, new JsonObject()).json().getLong("id");
    long waitEntry = reg.register(waiting, comp, new JsonObject()).json().getLong("id");

    byte[] png = reg.bytes("/api/v1/entries/" + entry + "/qr", athlete);
    String code = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
        new BufferedImageLuminanceSource(ImageIO.read(new ByteArrayInputStream(png)))))).getText();
    JsonObject mine = api.get("/api/v1/me/entries", athlete).json().getJsonArray("items").getJsonObject(0);
    assertEquals(mine.getString("checkinCode"), code, "the QR holds the code shown for manual entry");
    assertEquals(409, api.get("/api/v1/entries/" + waitEntry + "/qr", waiting).status());
    assertEquals(403, api.get("/api/v1/entries/" + entry + "/qr", waiting).status());

    Response byAthlete = api.post("/api/v1/checkins", athlete, new JsonObject().put("code", code).encode(), UUID.randomUUID().toString());
    assertEquals(403, byAthlete.status());
    Response first = api.post("/api/v1/checkins", organiser, new JsonObject().put("code", code).encode(), UUID.randomUUID().toString());
    assertEquals(200, first.status(), first.text());
    assertFalse(first.json().getBoolean("alreadyCheckedIn"));
    assertEquals("CHECKED_IN", first.json().getJsonObject("entry").getString("status"));
    Response again = api.post("/api/v1/checkins", organiser, new JsonObject().put("code", code).encode(), UUID.randomUUID().toString());
    assertEquals(200, again.status());
    assertTrue(again.json().getBoolean("alreadyCheckedIn"));
    assertEquals(first.json().getString("checkedInAt"), again.json().getString("checkedInAt"));

    // A typed code that is nobody's, and an old-style signed code with a made-up signature.
    String other = (code.charAt(0) == '2' ? "3" : "2") + code.substring(1);
    for (String forged : new String[] {other, "G" + waitEntry + "-AAAAAAAAAAAAAAAA"}) {
      Response bad = api.post("/api/v1/checkins", organiser, new JsonObject().put("code", forged).encode(),
          UUID.randomUUID().toString());
      assertEquals(422, bad.status(), forged);
      assertEquals("INVALID_CHECKIN_CODE", bad.errorCode());
    }
    assertEquals("WAITLISTED", api.get("/api/v1/entries/" + waitEntry, null).json().getString("status"));
  }

  static List<Long> ids(JsonArray entries) {
    List<Long> out = new ArrayList<>();
    entries.forEach(e -> out.add(((JsonObject) e).getLong("id")));
    return out;
  }

  static List<Integer> positions(JsonArray entries) {
    List<Integer> out = new ArrayList<>();
    entries.forEach(e -> out.add(((JsonObject) e).getInteger("waitlistPosition")));
    return out;
  }
}
