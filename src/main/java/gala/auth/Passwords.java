package gala.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/** Argon2id with OWASP's parameters (m=19 MiB, t=2, p=1). CPU-heavy: call from a worker thread. */
final class Passwords {
  private static final Argon2Function ARGON2 = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);
  /** Checked when the email is unknown, so a login takes as long whether or not the account exists. */
  private static final String DUMMY = hash("not-a-real-password");

  private Passwords() {}

  static String hash(String password) {
    return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
  }

  static boolean matches(String password, String hash) {
    if (hash == null) {
      Password.check(password, DUMMY).with(ARGON2);
      return false;
    }
    return Password.check(password, hash).with(ARGON2);
  }
}
