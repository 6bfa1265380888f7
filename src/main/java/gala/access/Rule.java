package gala.access;

import gala.platform.ApiError;
import gala.platform.Caller;

/**
 * The access rule an operation declares in openapi.yaml ({@code x-access}). Pure: given the caller
 * and its {@link Standing}, a rule allows or names the refusal. Refusals never tell a stranger that a
 * private event exists: what they may not see is 404, exactly like what does not exist.
 */
public enum Rule {
  /** Anyone, signed in or not; no event involved (sign-in, the public calendar, health). */
  OPEN("open", false),
  /** Any signed-in account, about itself (its profile, its entries) or about no event yet. */
  SIGNED_IN("signed-in", false),
  ADMIN("admin", false),
  /** Reading an event's data: everyone for a public event, its members for a private one. */
  PUBLIC_OR_MEMBER("public-or-member", true),
  /** A signed-in caller who may see the event (joining, registering, checking in oneself). */
  MEMBER("member", true),
  ORGANISER("organiser", true),
  /** A judge of the target's competition, or an organiser of its event. */
  JUDGE("judge", true),
  /** The target's own person (entrant, mixer participant, unit contact), or an organiser. */
  SELF("self", true);

  public final String text;
  /** Whether the rule needs a target (an id in the path) to decide. */
  public final boolean needsTarget;

  Rule(String text, boolean needsTarget) {
    this.text = text;
    this.needsTarget = needsTarget;
  }

  public static Rule parse(String text) {
    for (Rule r : values()) {
      if (r.text.equals(text)) {
        return r;
      }
    }
    return null;
  }

  /** Rules without a target: null when allowed, else the refusal. */
  public ApiError decide(Caller caller) {
    return switch (this) {
      case OPEN -> null;
      case ADMIN -> caller == null ? ApiError.unauthenticated("sign in first")
          : caller.isAdmin() ? null : ApiError.forbidden("only admins may do this");
      default -> caller == null ? ApiError.unauthenticated("sign in first") : null;
    };
  }

  /** Rules about a target: null when allowed, else the refusal. */
  public ApiError decide(Caller caller, Standing s, Target target) {
    if (!needsTarget) {
      return decide(caller);
    }
    if (!s.visible()) {
      return ApiError.notFound(target.noun() + " " + target.id());
    }
    if (this == PUBLIC_OR_MEMBER) {
      return null;
    }
    if (caller == null) {
      return ApiError.unauthenticated("sign in first");
    }
    boolean allowed = switch (this) {
      case MEMBER -> true;
      case ORGANISER -> s.organises();
      case JUDGE -> s.scores();
      case SELF -> s.organises() || s.self();
      default -> false;
    };
    if (allowed) {
      return null;
    }
    return switch (this) {
      case ORGANISER -> ApiError.forbidden("only the event's organisers may do this");
      case JUDGE -> new ApiError(403, "NOT_ASSIGNED_JUDGE", "you are not a judge of this competition");
      default -> target.kind() == Target.Kind.MIXER ? new ApiError(403, "NOT_JOINED", "join this mixer first")
          : ApiError.forbidden("only the person it belongs to and the event's organisers may do this");
    };
  }
}
