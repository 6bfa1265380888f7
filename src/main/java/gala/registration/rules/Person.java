package gala.registration.rules;

import java.time.LocalDate;

/** Someone to be entered: birth date and gender may be unknown (null). */
public record Person(String name, LocalDate birthDate, String gender) {}
