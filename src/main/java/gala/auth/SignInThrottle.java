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
 * failed ones (an e-mail already taken) per address, and successes per address generously.
 * Counted per node (see {@link Throttle}).
 */
final class SignInThrottle {
  static final Limit LOGIN_ACCOUNT = new Limit("login failures per account", 5, Duration.ofMinutes(15));
  static final Limit LOGIN_ADDRESS = new Limit("login failures per address", 100, Duration.ofMinutes(15));
  static final Limit SIGNUP_ACCOUNT = new Limit("sign-ups per e-mail", 5, Duration.ofMinutes(15));
  static final Limit SIGNUP_ADDRESS_FAILED = new Limit("failed sign-ups per address", 20, Duration.ofMinutes(15));
  static final Limit SIGNUP_ADDRESS = new Limit("sign-ups per address", 300, Duration.ofMinutes(10));

  private final Throttle loginAccount = new Throttle(LOGIN_ACCOUNT);
  private final Throttle loginAddress = new Throttle(LOGIN_ADDRESS);
  private final Throttle signupAccount = new Throttle(SIGNUP_ACCOUNT);
  private final Throttle signupAddressFailed = new Throttle(SIGNUP_ADDRESS_FAILED);
  private final Throttle signupAddress = new Throttle(SIGNUP_ADDRESS);

  <T> Future<T> login(String address, String email, Supplier<Future<T>> attempt) {
    String account = account(email);
    long wait = loginAccount.acquire(account);
    if (wait > 0) {
      return Future.failedFuture(refusal(wait, "account"));
    }
    wait = loginAddress.acquire(address);
    if (wait > 0) {
      loginAccount.forgive(account);
      return Future.failedFuture(refusal(wait, "address"));
    }
    return attempt.get().onComplete(ar -> {
      if (ar.succeeded()) {
        loginAccount.reset(account);
        loginAddress.forgive(address);
      } else if (!wrongPassword(ar.cause())) {
        // The database was away, or the request was malformed: not a guess.
        loginAccount.forgive(account);
        loginAddress.forgive(address);
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

  private static boolean wrongPassword(Throwable e) {
    ApiError a = Http.apiError(e);
    return a != null && a.status() == 401;
  }

  private static String account(String email) {
    return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
  }

  static ApiError refusal(long seconds, String per) {
    return new ApiError(429, "TOO_MANY_REQUESTS", "too many attempts; try again in " + seconds + " s",
        new JsonObject().put("retryAfter", seconds).put("per", per));
  }
}
