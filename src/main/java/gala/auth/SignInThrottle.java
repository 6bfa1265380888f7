package gala.auth;

import gala.platform.ApiError;
import gala.platform.Http;
import gala.platform.Throttle;
import gala.platform.Throttle.Limit;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Slows password guessing and mass sign-ups: login and signup are counted per account (the e-mail)
 * and per client address, and the attempt past a limit is 429 TOO_MANY_REQUESTS with Retry-After.
 * Logins count only failures (a correct password clears the account's count), so a venue full of
 * people signing in behind one address is never stopped; sign-ups count every attempt per e-mail,
 * failed ones (an e-mail already taken) per address, and successes per address generously. Wrong
 * password-reset codes count like wrong passwords.
 * Counted per node (see {@link Throttle}).
 */
final class SignInThrottle {
  static final Limit LOGIN_ACCOUNT = new Limit("login failures per account", 5, Duration.ofMinutes(15));
  static final Limit LOGIN_ADDRESS = new Limit("login failures per address", 100, Duration.ofMinutes(15));
  static final Limit SIGNUP_ACCOUNT = new Limit("sign-ups per e-mail", 5, Duration.ofMinutes(15));
  static final Limit SIGNUP_ADDRESS_FAILED = new Limit("failed sign-ups per address", 20, Duration.ofMinutes(15));
  static final Limit SIGNUP_ADDRESS = new Limit("sign-ups per address", 300, Duration.ofMinutes(10));
  static final Limit RESET_ACCOUNT = new Limit("wrong reset codes per account", 5, Duration.ofMinutes(15));
  static final Limit RESET_ADDRESS = new Limit("wrong reset codes per address", 20, Duration.ofMinutes(15));

  private final Throttle loginAccount = new Throttle(LOGIN_ACCOUNT);
  private final Throttle loginAddress = new Throttle(LOGIN_ADDRESS);
  private final Throttle signupAccount = new Throttle(SIGNUP_ACCOUNT);
  private final Throttle signupAddressFailed = new Throttle(SIGNUP_ADDRESS_FAILED);
  private final Throttle signupAddress = new Throttle(SIGNUP_ADDRESS);
  private final Throttle resetAccount = new Throttle(RESET_ACCOUNT);
  private final Throttle resetAddress = new Throttle(RESET_ADDRESS);

  <T> Future<T> login(String address, String email, Supplier<Future<T>> attempt) {
    return guessing(loginAccount, loginAddress, "INVALID_CREDENTIALS", account(email), address, attempt);
  }

  /** completePasswordReset: wrong codes count like wrong passwords (a code is guessable, slowly). */
  <T> Future<T> passwordReset(String address, String email, Supplier<Future<T>> attempt) {
    return guessing(resetAccount, resetAddress, "INVALID_RESET_CODE", account(email), address, attempt);
  }

  /** Counts only the failures whose code is {@code wrong}; a success clears the account's count. */
  private static <T> Future<T> guessing(Throttle perAccount, Throttle perAddress, String wrong, String account,
      String address, Supplier<Future<T>> attempt) {
    long wait = perAccount.acquire(account);
    if (wait > 0) {
      return Future.failedFuture(refusal(wait, "account"));
    }
    wait = perAddress.acquire(address);
    if (wait > 0) {
      perAccount.forgive(account);
      return Future.failedFuture(refusal(wait, "address"));
    }
    return attempt.get().onComplete(ar -> {
      if (ar.succeeded()) {
        perAccount.reset(account);
        perAddress.forgive(address);
      } else if (Http.apiError(ar.cause()) == null || !wrong.equals(Http.apiError(ar.cause()).code())) {
        // The database was away, or the request was refused for another reason: not a guess.
        perAccount.forgive(account);
        perAddress.forgive(address);
      }
    });
  }

  <T> Future<T> signup(String address, String email, Supplier<Future<T>> attempt) {
    String account = account(email);
    long wait = signupAccount.acquire(account);
    if (wait > 0) {
      return Future.failedFuture(refusal(wait, "account"));
    }
    wait = signupAddressFailed.acquire(address);
    if (wait > 0) {
      signupAccount.forgive(account);
      return Future.failedFuture(refusal(wait, "address"));
    }
    wait = signupAddress.acquire(address);
    if (wait > 0) {
      signupAccount.forgive(account);
      signupAddressFailed.forgive(address);
      return Future.failedFuture(refusal(wait, "address"));
    }
    return attempt.get().onComplete(ar -> {
      if (ar.succeeded()) {
        signupAddressFailed.forgive(address);
      } else if (Http.apiError(ar.cause()) == null) {
        // Our failure (the database), not the client's: count nothing.
        signupAccount.forgive(account);
        signupAddressFailed.forgive(address);
        signupAddress.forgive(address);
      }
    });
  }

  private static String account(String email) {
    return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
  }

  static ApiError refusal(long seconds, String per) {
    return new ApiError(429, "TOO_MANY_REQUESTS", "too many attempts; try again in " + seconds + " s",
        new JsonObject().put("retryAfter", seconds).put("per", per));
  }
}
