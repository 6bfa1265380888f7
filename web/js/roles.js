// Who is looking at the page, as far as the browser may know it: signed in or not, the account's
// role, which events they organise and which competitions they judge. The header, the home page,
// the console and the announcements widget share one answer per page and account (GET /me, whose
// roles the server computes). The server still decides every permission: this only chooses what
// to offer.
import { api, getSession } from './api.js';

let cached = null;
let cachedFor;

/** Forgets the answer, e.g. after creating an event (the account now organises one more). */
export function forgetRoles() {
  cached = null;
}

/** {signedIn, user, role, admin, organiser, judge, participant, organiserOf: [eventId], judging: [assignment]} */
export function viewerRoles() {
  const session = getSession();
  const uid = session && session.user ? session.user.id : null;
  if (cached && cachedFor === uid) return cached;
  cachedFor = uid;
  cached = (async () => {
    if (!session) return { signedIn: false, judging: [], organiserOf: [] };
    const role = (session.user && session.user.role) || 'participant';
    let me = null;
    try {
      me = await api('/me');
    } catch { /* offline or refused: offer what the role alone allows */ }
    const roles = (me && me.roles) || null;
    let judging = roles ? roles.judgeOf || [] : null;
    if (!judging) {
      try {
        judging = (await api('/me/judging')).items || [];
      } catch {
        judging = [];
      }
    }
    const admin = roles ? !!roles.admin : role === 'admin';
    return {
      signedIn: true,
      user: { ...(session.user || {}), ...(me ? { displayName: me.displayName, email: me.email } : {}) },
      me,
      role,
      admin,
      organiser: roles ? !!roles.canCreateEvents || (roles.organiserOf || []).length > 0 : role === 'organiser' || admin,
      organiserOf: roles ? (roles.organiserOf || []).map((o) => o.eventId) : [],
      judge: role === 'judge' || judging.length > 0,
      participant: role === 'participant' || role === 'judge' || !!(roles && roles.hasEntries),
      judging,
    };
  })();
  return cached;
}
