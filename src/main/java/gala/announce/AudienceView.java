package gala.announce;

import gala.announce.rules.Audience;
import gala.announce.rules.Viewer;
import gala.platform.TopicView;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One viewer's part of the announcements topic: rows of audiences they do not belong to are cut
 * from snapshots and deltas alike. A delta that only carried hidden rows becomes {@code {}} at the
 * same version, so versions stay gap-free for every client.
 */
final class AudienceView implements TopicView {
  private final Viewer viewer;

  AudienceView(Viewer viewer) {
    this.viewer = viewer;
  }

  @Override
  public String key() {
    return viewer.key();
  }

  @Override
  public JsonObject apply(JsonObject data) {
    if (viewer.seesEverything()) {
      return data;
    }
    JsonObject out = data.copy();
    if (out.getValue(AnnouncementSource.LIST) instanceof JsonArray full) {
      out.put(AnnouncementSource.LIST, visible(full));
    }
    if (out.getValue("set") instanceof JsonObject set && set.getValue(AnnouncementSource.LIST) instanceof JsonArray a) {
      set.put(AnnouncementSource.LIST, visible(a));
    }
    if (out.getValue("lists") instanceof JsonObject lists && lists.getValue(AnnouncementSource.LIST) instanceof JsonObject l) {
      if (l.getValue("upsert") instanceof JsonArray a) {
        JsonArray shown = visible(a);
        if (shown.isEmpty()) {
          l.remove("upsert");
        } else {
          l.put("upsert", shown);
        }
      }
      // Rows are kept in sending order, so an order list never comes from the source; should one
      // appear it could name hidden rows, and the append order clients keep is right anyway.
      l.remove("order");
      if (l.isEmpty()) {
        lists.remove(AnnouncementSource.LIST);
      }
      if (lists.isEmpty()) {
        out.remove("lists");
      }
    }
    return out;
  }

  private JsonArray visible(JsonArray rows) {
    JsonArray out = new JsonArray();
    for (Object o : rows) {
      Audience audience = o instanceof JsonObject row ? audienceOf(row) : null;
      if (audience != null && viewer.sees(audience)) {
        out.add(o);
      }
    }
    return out;
  }

  static Audience audienceOf(JsonObject row) {
    try {
      return Audience.parse(row.getString("audience"), row.getLong("competitionId"));
    } catch (RuntimeException e) {
      return null; // not a row we wrote: only organisers see it
    }
  }
}
