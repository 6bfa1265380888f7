package gala.scoring.rules;

/** A competition format that cannot be used; the message says why. */
public final class InvalidFormat extends RuntimeException {
  public InvalidFormat(String message) {
    super(message);
  }
}
