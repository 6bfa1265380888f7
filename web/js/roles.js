// Who is looking at the page, as far as the browser may know it: signed in or not, the account's
// role, and whether they judge anything. The header, the home page and the announcements widget
// share one answer per page and account (one /me/judging request, not three). The server still
// decides every permission: this only chooses what to offer.
import { api, getSession } from './api.js';

let cached = null;
let cachedFor;

/** {signedIn, user, role, organiser, admin, judge, participant, judging: [assignment]} */
export function viewerRoles() {
  const session = getSession();
  const uid = session && session.user ? session.user.id : null;
  if (cached && cachedFor === uid) return cached;
  cachedFor = uid;
  cached = (async () => {
    if (!session) return { signedIn: false, judging: [] };
    const role = (session.user && session.user.role) || 'participant';
    let judging = [];
    try {
      judging = (await api('/me/judging')).items || [];
    } catch { /* offline or refused: offer what the role alone allows */ }
    return {
      signedIn: true,
      user: session.user || {},
      role,
      admin: role === 'admin',
      organiser: role === 'organiser' || role === 'admin',
      judge: role === 'judge' || judging.length > 0,
      participant: role === 'participant' || role === 'judge',
      judging,
    };
  })();
  return cached;
}
