package gala.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Temporary directories of a test run (PostgreSQL data directories, mostly: 50 MB to 1 GB each),
 * deleted when the JVM exits. Left behind, they filled a 100 GB disk within two days of test runs.
 */
public final class TempDirs {
  private static final List<Path> CREATED = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> CREATED.forEach(TempDirs::delete), "temp-dirs"));
  }

  private TempDirs() {}

  /** A new directory under the system's temporary directory, deleted at exit (after what runs in it has stopped). */
  public static Path create(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(prefix);
    CREATED.add(dir);
    return dir;
  }

  /** Deletes {@code dir} and everything in it now; a file that will not go is left (the exit should not fail). */
  public static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }
}
