package gala.announce.rules;

import java.util.Set;
import java.util.TreeSet;

/**
 * The audiences one reader of an event's announcements belongs to. Decided on the server from
 * database truth (organisers, entries, judge assignments), never from what a client claims.
 */
public final class Viewer {
  private static final Viewer ANONYMOUS = new Viewer(false, Set.of(Audience.EVENT.key()));
  private static final Viewer EVERYTHING = new Viewer(true, Set.of());
  private final boolean everything;
  private final Set<String> keys;
  /** Computed once: the gateway asks for it for every socket a frame goes to. */
  private final String key;

  private Viewer(boolean everything, Set<String> keys) {
    this.everything = everything;
    this.keys = keys;
    this.key = everything ? "*" : String.join("|", new TreeSet<>(keys));
  }

  /** A screen without a token: whole-event announcements only. */
  public static Viewer anonymous() {
    return ANONYMOUS;
  }

  /** The event's organisers and admins see every audience. */
  public static Viewer everything() {
    return EVERYTHING;
  }

  /** A signed-in user with entries in {@code entered} and judge seats in {@code judged} (competition ids of this event). */
  public static Viewer member(Set<Long> entered, Set<Long> judged) {
    Set<String> keys = new TreeSet<>();
    keys.add(Audience.EVENT.key());
    if (!entered.isEmpty()) {
      keys.add(new Audience(Audience.Kind.PARTICIPANTS, null).key());
    }
    if (!judged.isEmpty()) {
      keys.add(new Audience(Audience.Kind.JUDGES, null).key());
    }
    for (Long c : entered) {
      keys.add(new Audience(Audience.Kind.COMPETITION, c).key());
    }
    for (Long c : judged) {
      keys.add(new Audience(Audience.Kind.COMPETITION, c).key());
    }
    return new Viewer(false, Set.copyOf(keys));
  }

  public boolean sees(Audience audience) {
    return everything || keys.contains(audience.key());
  }

  public boolean seesEverything() {
    return everything;
  }

  /** Equal for viewers that see the same audiences, so one encoded frame serves them all. */
  public String key() {
    return key;
  }

  @Override
  public String toString() {
    return "Viewer[" + key() + "]";
  }
}
