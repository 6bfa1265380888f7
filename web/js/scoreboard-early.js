// The scoreboard's live socket, opened by the first script to arrive. On a slow connection every
// request waits its round trip (2 s on slow 3G) and the page's modules come six at a time, so the
// socket's handshake and subscription run here, beside the rest of the module graph, instead of
// after it; scoreboard.js hands the open socket and what it has heard to its LiveClient
// (LiveClient.connect(early)). It imports nothing, so it runs as soon as it is in (an async module
// script). A signed-in viewer's socket must sign in before it subscribes (hidden results, own rows):
// that page takes the ordinary path.
const id = new URLSearchParams(location.search).get('competition');

function signedIn() {
  try {
    return !!localStorage.getItem('gala.session'); // api.js's key
  } catch {
    return false;
  }
}

function open(topic) {
  try {
    const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
    const early = { ws, topic, frames: [] };
    ws.onopen = () => ws.send(JSON.stringify({ op: 'subscribe', topic }));
    ws.onmessage = (ev) => early.frames.push(ev.data);
    return early;
  } catch {
    return null;
  }
}

/** {ws, topic, frames}: the socket, the topic it subscribed to and the frames heard so far; or null. */
export const early = id && /^\d{1,18}$/.test(id) && navigator.onLine !== false && !signedIn() ? open('scoreboard:' + id) : null;
