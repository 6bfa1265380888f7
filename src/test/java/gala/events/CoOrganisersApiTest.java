package gala.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gala.registration.Reg;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.ApiTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Co-organisers: added by e-mail, listed, removed; only organisers may; the last one stays. */
class CoOrganisersApiTest extends ApiTestBase {
  static Reg reg;

  @BeforeAll
  static void setUp() {
    reg = new Reg(api);
  }

  @Test
  void anOrganiserAddsAColleagueByEmailWhoThenRunsTheEventAndTheLastOneCannotLeave() {
    JsonObject first = api.signup("first@coorg.test", "organiser");
    String org = Api.token(first);
    JsonObject colleague = api.signup("colleague@coorg.test", "participant");
    String stranger = Api.token(api.signup("stranger@coorg.test", "organiser"));
    long event = api.createEvent(org, "文化节");
    String path = "/api/v1/events/" + event + "/organisers";

    assertEquals(403, api.post(path, stranger, new JsonObject().put("email", "stranger@coorg.test")).status());
    assertEquals(403, api.get(path, stranger).status());
    assertEquals(401, api.get(path, null).status());
    assertEquals(404, api.get("/api/v1/events/999999/organisers", org).status());
    Response unknown = api.post(path, org, new JsonObject().put("email", "nobody@coorg.test"));
    assertEquals(422, unknown.status());
    assertEquals("UNKNOWN_USER", unknown.errorCode());
    // The colleague could not edit the event before.
    assertEquals(403, reg.patch("/api/v1/events/" + event, Api.token(colleague), new JsonObject().put("venue", "体育馆")).status());

    Response added = api.post(path, org, new JsonObject().put("email", "Colleague@coorg.test"));
    assertEquals(201, added.status(), added.text());
    assertEquals(Api.userId(colleague), added.json().getLong("userId"));
    assertEquals(200, api.post(path, org, new JsonObject().put("email", "colleague@coorg.test")).status(), "already one: no change");
    assertEquals(List.of("colleague@coorg.test", "first@coorg.test"), emails(api.get(path, org).json().getJsonArray("items")));

    // The colleague now organises: edits the event, sees the list, and may remove the first organiser.
    String colleagueToken = Api.token(colleague);
    assertEquals(200, reg.patch("/api/v1/events/" + event, colleagueToken, new JsonObject().put("venue", "体育馆")).status());
    assertEquals(404, reg.delete(path + "/" + Api.userId(api.signup("other@coorg.test", "participant")), colleagueToken).status());
    assertEquals(204, reg.delete(path + "/" + Api.userId(first), colleagueToken).status());
    assertEquals(403, api.get(path, org).status(), "the removed organiser no longer organises");
    Response last = reg.delete(path + "/" + Api.userId(colleague), colleagueToken);
    assertEquals(409, last.status());
    assertEquals("LAST_ORGANISER", last.errorCode());
    assertEquals(List.of("colleague@coorg.test"), emails(api.get(path, colleagueToken).json().getJsonArray("items")));
  }

  private static List<String> emails(JsonArray items) {
    List<String> out = new ArrayList<>();
    items.forEach(o -> out.add(((JsonObject) o).getString("email")));
    return out;
  }
}
