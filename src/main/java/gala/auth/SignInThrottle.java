package gala.auth;

import gala.platform.Http;
import gala.platform.SharedThrottle;
import gala.platform.Throttle.Limit;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
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
 * Counted in PostgreSQL, so the limits hold across every node of a cluster (see {@link SharedThrottle}).
 */
final class SignInThrottle {
  static final Limit LOGIN_ACCOUNT = new Limit("login failures per account", 5, Duration.ofMinutes(15));
  static final Limit LOGIN_ADDRESS = new Limit("login failures per address", 100, Duration.ofMinutes(15));
  static final Limit SIGNUP_ACCOUNT = new Limit("sign-ups per e-mail", 5, Duration.ofMinutes(15));
  static final Limit SIGNUP_ADDRESS_FAILED = new Limit("failed sign-ups per address", 20, Duration.ofMinutes(15));
  static final Limit SIGNUP_ADDRESS = new Limit("sign-ups per address", 300, Duration.ofMinutes(10));
  static final Limit RESET_ACCOUNT = new Limit("wrong reset codes per account", 5, Duration.ofMinutes(15));
  static final Limit RESET_ADDRESS = new Limit("wrong reset codes per address", 20, Duration.ofMinutes(15));

  private final SharedThrottle loginAccount;
  private final SharedThrottle loginAddress;
  private final SharedThrottle signupAccount;
  private final SharedThrottle signupAddressFailed;
  private final SharedThrottle signupAddress;
  private final SharedThrottle resetAccount;
  private final SharedThrottle resetAddress;

  SignInThrottle(Pool pool) {
    loginAccount = new SharedThrottle(pool, LOGIN_ACCOUNT);
    loginAddress = new SharedThrottle(pool, LOGIN_ADDRESS);
    signupAccount = new SharedThrottle(pool, SIGNUP_ACCOUNT);
    signupAddressFailed = new SharedThrottle(pool, SIGNUP_ADDRESS_FAILED);
    signupAddress = new SharedThrottle(pool, SIGNUP_ADDRESS);
    resetAccount = new SharedThrottle(pool, RESET_ACCOUNT);
    resetAddress = new SharedThrottle(pool, RESET_ADDRESS);
  }

  <T> Future<T> login(String address, String email, Supplier<Future<T>> attempt) {
    return guessing(loginAccount, loginAddress, "INVALID_CREDENTIALS", account(email), address, attempt);
  }

  /** completePasswordReset: wrong codes count like wrong passwords (a code is guessable, slowly). */
  <T> Future<T> passwordReset(String address, String email, Supplier<Future<T>> attempt) {
    return guessing(resetAccount, resetAddress, "INVALID_RESET_CODE", account(email), address, attempt);
  }

  /** Counts only the failures whose code is {@code wrong}; a success clears the account's count. */
  private static <T> Future<T> guessing(SharedThrottle perAccount, SharedThrottle perAddress, String wrong,
      String account, String address, Supplier<Future<T>> attempt) {
    return perAccount.acquire(account).compose(byAccount -> {
      if (byAccount.refused()) {
        return Future.failedFuture(SharedThrottle.refusal(byAccount.waitSeconds(), "account"));
      }
      return perAddress.acquire(address).compose(byAddress -> {
        if (byAddress.refused()) {
          return perAccount.forgive(byAccount).compose(v -> Future.failedFuture(SharedThrottle.refusal(byAddress.waitSeconds(), "address")));
        }
        return SharedThrottle.settle(attempt, ar -> {
          if (ar.succeeded()) {
            return Future.all(perAccount.reset(account), perAddress.forgive(byAddress)).mapEmpty();
          }
          if (Http.apiError(ar.cause()) == null || !wrong.equals(Http.apiError(ar.cause()).code())) {
            // The database was away, or the request was refused for another reason: not a guess.
            return Future.all(perAccount.forgive(byAccount), perAddress.forgive(byAddress)).mapEmpty();
          }
          return Future.succeededFuture();
        });
      });
    });
  }

  <T> Future<T> signup(String address, String email, Supplier<Future<T>> attempt) {
    String account = account(email);
    return signupAccount.acquire(account).compose(byAccount -> {
      if (byAccount.refused()) {
        return Future.failedFuture(SharedThrottle.refusal(byAccount.waitSeconds(), "account"));
      }
      return signupAddressFailed.acquire(address).compose(failed -> {
        if (failed.refused()) {
          return signupAccount.forgive(byAccount).compose(v -> Future.failedFuture(SharedThrottle.refusal(failed.waitSeconds(), "address")));
        }
        return signupAddress.acquire(address).compose(byAddress -> {
          if (byAddress.refused()) {
            return Future.all(signupAccount.forgive(byAccount), signupAddressFailed.forgive(failed))
                .compose(v -> Future.failedFuture(SharedThrottle.refusal(byAddress.waitSeconds(), "address")));
          }
          return SharedThrottle.settle(attempt, ar -> {
            if (ar.succeeded()) {
              return signupAddressFailed.forgive(failed);
            }
            if (Http.apiError(ar.cause()) == null) {
              // Our failure (the database), not the client's: count nothing.
              return Future.all(signupAccount.forgive(byAccount), signupAddressFailed.forgive(failed),
                  signupAddress.forgive(byAddress)).mapEmpty();
            }
            return Future.succeededFuture();
          });
        });
      });
    });
  }

  private static String account(String email) {
    return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
  }
}
