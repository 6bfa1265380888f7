// Whether a participant can register for an event now: its last day not past (the server's status,
// by the event calendar) and inside its registration window. The server decides (422
// REGISTRATION_CLOSED); pages only stop offering what it would refuse.
export function registrationOpen(event) {
  if (!event) return false;
  const today = new Date().toISOString().slice(0, 10);
  if (event.status ? event.status === 'past' : (event.endsOn || event.startsOn) < today) return false;
  const now = Date.now();
  if (event.registrationOpensAt && Date.parse(event.registrationOpensAt) > now) return false;
  return !(event.registrationClosesAt && Date.parse(event.registrationClosesAt) <= now);
}

/** The event is over (its last day is past): registering for it is refused, whoever asks but organisers. */
export function eventEnded(event) {
  return !!event && event.status === 'past';
}
