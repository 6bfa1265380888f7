package gala.draws.rules;

/** One game: two entrants by id, or one entrant and a bye ({@code b == BYE}). */
public record Pairing(long a, long b) {
  public static final long BYE = -1;

  public boolean isBye() {
    return b == BYE || a == BYE;
  }

  /** The entrant who has the bye (only when {@link #isBye()}). */
  public long byeTaker() {
    return a == BYE ? b : a;
  }
}
