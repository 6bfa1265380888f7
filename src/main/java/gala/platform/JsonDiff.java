package gala.platform;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The delta format of every live topic. A snapshot is a JSON object; a delta says which top-level
 * fields to set or unset, and for fields that are lists of objects with an {@code id}, which rows to
 * upsert, which ids to remove and, when it changed, the new order of ids:
 * <pre>{"set":{..}, "unset":[..], "lists":{"rows":{"upsert":[..], "patch":[..], "remove":[..], "order":[..]}}}</pre>
 * A writer that knows which fields of a row changed may send them alone, as {@code "patch":[{"id":..,
 * field: value, ..}]}: merged into the row of that id (after the upserts, before the order); a patch
 * for a row the list lacks is dropped. {@link #diff} never makes one.
 * {@code apply(a, diff(a, b))} equals {@code b}; web/js/live.js applies the same format. Removes go
 * before upserts, and an upserted row that is not (or no longer) in the list goes at its end, in the
 * upsert's order: so a row both removed and upserted by one delta moves to the end, which lets a write
 * that reorders only a list's tail (a waitlist) send that tail instead of the whole order.
 */
public final class JsonDiff {
  private JsonDiff() {}

  public static JsonObject diff(JsonObject before, JsonObject after) {
    JsonObject set = new JsonObject();
    JsonArray unset = new JsonArray();
    JsonObject lists = new JsonObject();
    for (String key : after.fieldNames()) {
      Object a = before.getValue(key);
      Object b = after.getValue(key);
      if (a instanceof JsonArray la && b instanceof JsonArray lb && keyed(la) && keyed(lb)) {
        JsonObject d = diffList(la, lb);
        if (!d.isEmpty()) {
          lists.put(key, d);
        }
      } else if (!before.containsKey(key) || !sameValue(a, b)) {
        set.put(key, b);
      }
    }
    for (String key : before.fieldNames()) {
      if (!after.containsKey(key)) {
        unset.add(key);
      }
    }
    JsonObject delta = new JsonObject();
    if (!set.isEmpty()) {
      delta.put("set", set);
    }
    if (!unset.isEmpty()) {
      delta.put("unset", unset);
    }
    if (!lists.isEmpty()) {
      delta.put("lists", lists);
    }
    return delta;
  }

  public static JsonObject apply(JsonObject snapshot, JsonObject delta) {
    JsonObject out = snapshot.copy();
    JsonObject set = delta.getJsonObject("set", new JsonObject());
    set.forEach(e -> out.put(e.getKey(), e.getValue()));
    delta.getJsonArray("unset", new JsonArray()).forEach(k -> out.remove((String) k));
    JsonObject lists = delta.getJsonObject("lists", new JsonObject());
    for (String key : lists.fieldNames()) {
      out.put(key, applyList(out.getJsonArray(key, new JsonArray()), lists.getJsonObject(key)));
    }
    return out;
  }

  /**
   * Applies many deltas to one snapshot, in order, with the same result as {@link #apply} one after
   * the other, but without copying the snapshot per delta: keyed lists stay indexed by id until
   * {@link #result}, so each delta costs what it changes (plus its {@code order}, when it has one).
   * For materialising a topic from its checkpoint and log.
   */
  public static final class Patcher {
    private final JsonObject out;
    private final Map<String, LinkedHashMap<String, Object>> lists = new HashMap<>();
    private long applied;

    public Patcher(JsonObject snapshot) {
      this.out = snapshot.copy();
    }

    private Patcher(JsonObject snapshot, boolean owned) {
      this.out = snapshot;
    }

    /**
     * A patcher that changes {@code snapshot} itself instead of a copy: for one nobody else holds (a
     * checkpoint just read from the database), whose deep copy was a few per cent of a registration
     * burst's event-loop CPU (every 64th version of a topic rebuilds its checkpoint).
     */
    public static Patcher taking(JsonObject snapshot) {
      return new Patcher(snapshot, true);
    }

    /** How many list elements the deltas applied so far upserted, removed or ordered (their rows' share of the work). */
    public long applied() {
      return applied;
    }

    public Patcher apply(JsonObject delta) {
      JsonObject set = delta.getJsonObject("set");
      if (set != null) {
        set.forEach(e -> {
          if (e.getValue() instanceof JsonArray whole) {
            applied += whole.size();
          }
          out.put(e.getKey(), e.getValue());
          lists.remove(e.getKey());
        });
      }
      JsonArray unset = delta.getJsonArray("unset");
      if (unset != null) {
        unset.forEach(k -> {
          out.remove((String) k);
          lists.remove((String) k);
        });
      }
      JsonObject changed = delta.getJsonObject("lists");
      if (changed != null) {
        for (String key : changed.fieldNames()) {
          JsonObject d = changed.getJsonObject(key);
          LinkedHashMap<String, Object> rows = lists.computeIfAbsent(key, k -> {
            LinkedHashMap<String, Object> index = new LinkedHashMap<>();
            out.getJsonArray(k, new JsonArray()).forEach(r -> index.put(id(r), r));
            return index;
          });
          JsonArray remove = d.getJsonArray("remove", new JsonArray());
          JsonArray upsert = d.getJsonArray("upsert", new JsonArray());
          applied += remove.size() + upsert.size();
          remove.forEach(id -> rows.remove(String.valueOf(id)));
          upsert.forEach(r -> rows.put(id(r), r));
          applied += patch(rows, d.getJsonArray("patch"));
          JsonArray order = d.getJsonArray("order");
          if (order != null) {
            applied += order.size();
            LinkedHashMap<String, Object> ordered = new LinkedHashMap<>();
            order.forEach(id -> ordered.put(String.valueOf(id), rows.get(String.valueOf(id))));
            lists.put(key, ordered);
          }
        }
      }
      return this;
    }

    public JsonObject result() {
      lists.forEach((key, rows) -> out.put(key, new JsonArray(new ArrayList<>(rows.values()))));
      lists.clear();
      return out;
    }
  }

  /**
   * JSON equality: 1 read back from JSONB as an Integer equals the 1L a projection computed.
   * Vert.x compares numbers by value inside JSON containers, so compare the values inside one.
   */
  private static boolean sameValue(Object a, Object b) {
    return Objects.equals(a, b) || new JsonArray().add(a).equals(new JsonArray().add(b));
  }

  private static boolean keyed(JsonArray list) {
    for (Object o : list) {
      if (!(o instanceof JsonObject row) || row.getValue("id") == null) {
        return false;
      }
    }
    return true;
  }

  private static String id(Object row) {
    return String.valueOf(((JsonObject) row).getValue("id"));
  }

  private static JsonObject diffList(JsonArray before, JsonArray after) {
    Map<String, JsonObject> old = new LinkedHashMap<>();
    before.forEach(r -> old.put(id(r), (JsonObject) r));
    JsonArray upsert = new JsonArray();
    List<String> afterIds = new ArrayList<>();
    for (Object r : after) {
      String id = id(r);
      afterIds.add(id);
      if (!Objects.equals(old.get(id), r)) {
        upsert.add(r);
      }
    }
    JsonArray remove = new JsonArray();
    List<String> expectedOrder = new ArrayList<>();
    Set<String> kept = new HashSet<>(afterIds);
    for (String id : old.keySet()) {
      if (kept.contains(id)) {
        expectedOrder.add(id);
      } else {
        remove.add(old.get(id).getValue("id"));
      }
    }
    for (String id : afterIds) {
      if (!old.containsKey(id)) {
        expectedOrder.add(id);
      }
    }
    JsonObject d = new JsonObject();
    if (!upsert.isEmpty()) {
      d.put("upsert", upsert);
    }
    if (!remove.isEmpty()) {
      d.put("remove", remove);
    }
    if (!expectedOrder.equals(afterIds)) {
      JsonArray order = new JsonArray();
      after.forEach(r -> order.add(((JsonObject) r).getValue("id")));
      d.put("order", order);
    }
    return d;
  }

  private static JsonArray applyList(JsonArray list, JsonObject d) {
    Map<String, Object> rows = new LinkedHashMap<>();
    list.forEach(r -> rows.put(id(r), r));
    d.getJsonArray("remove", new JsonArray()).forEach(id -> rows.remove(String.valueOf(id)));
    d.getJsonArray("upsert", new JsonArray()).forEach(r -> rows.put(id(r), r));
    patch(rows, d.getJsonArray("patch"));
    JsonArray out = new JsonArray();
    JsonArray order = d.getJsonArray("order");
    if (order == null) {
      rows.values().forEach(out::add);
    } else {
      order.forEach(id -> out.add(rows.get(String.valueOf(id))));
    }
    return out;
  }

  /** Merges each patch into the row of its id (a new, shallow row: the old one may be shared); how many patches there were. */
  private static int patch(Map<String, Object> rows, JsonArray patch) {
    if (patch == null) {
      return 0;
    }
    for (Object p : patch) {
      String id = id(p);
      if (rows.get(id) instanceof JsonObject row) {
        JsonObject merged = new JsonObject(new LinkedHashMap<>(row.getMap()));
        ((JsonObject) p).forEach(e -> merged.put(e.getKey(), e.getValue()));
        rows.put(id, merged);
      }
    }
    return patch.size();
  }
}
