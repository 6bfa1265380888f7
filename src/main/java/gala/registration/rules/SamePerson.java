package gala.registration.rules;

import java.time.LocalDate;
import java.util.List;

/**
 * Is an athlete entered by name (no account) someone already entered under the same name in the
 * same unit? Common names (王芳) are shared by many people, so the name alone never decides:
 * <ul>
 *   <li>the same birth date on both: the same person, refused;</li>
 *   <li>different birth dates: different people, admitted;</li>
 *   <li>a birth date missing on either side: cannot tell; the organiser (or unit contact) says so
 *       with "another person", else the entry is refused as a possible duplicate.</li>
 * </ul>
 * People of different units are different people.
 */
public final class SamePerson {
  private SamePerson() {}

  public enum Verdict { DIFFERENT, SAME, UNSURE }

  /** The verdict against everyone entered under that name in that unit (their birth dates, null when unknown). */
  public static Verdict judge(LocalDate newcomer, List<LocalDate> namesakes, boolean anotherPerson) {
    boolean unsure = false;
    for (LocalDate other : namesakes) {
      if (newcomer != null && other != null) {
        if (newcomer.equals(other)) {
          return Verdict.SAME;
        }
      } else {
        unsure = true;
      }
    }
    return unsure && !anotherPerson ? Verdict.UNSURE : Verdict.DIFFERENT;
  }
}
