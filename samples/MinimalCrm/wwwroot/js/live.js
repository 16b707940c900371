// Live updates. The page listens to its tenant's call updates (server-sent events from [data-live-stream], /calls/live)
// and, when one concerns what it shows, fetches this same page once and brings each [data-live] container up to date.
// Children are matched by data-live-id and replaced only when their data-live-version changed, so a recording that is
// playing keeps playing and an opened payload stays open. Nothing runs on a timer: no update, no fetch. EventSource
// reconnects by itself; the stream's first event, "ready", comes on every (re)connection and makes the page catch up on
// what changed while it was not listening. Without JavaScript, or when this fails, the page is still right on reload.
(function () {
  'use strict';
  const stream = document.querySelector('[data-live-stream]');
  if (!stream || !document.querySelector('[data-live]') || !('EventSource' in window)) return;

  const callId = stream.dataset.liveCall || null;
  let syncing = false;
  let again = false;

  // The list shows any call of the tenant (a new one too); a call's page shows that call and its forwarded leg.
  function concerns(update) {
    if (!callId || update.callId === callId) return true;
    const sid = document.querySelector('[data-call-sid]')?.dataset.callSid;
    return !!sid && update.parentCallSid === sid;
  }

  function sync(current, fresh) {
    const existing = new Map(Array.from(current.children, child => [child.dataset.liveId, child]));
    let previous = null;
    for (const incoming of Array.from(fresh.children)) {
      const id = incoming.dataset.liveId;
      let node = existing.get(id);
      existing.delete(id);
      if (!node || node.dataset.liveVersion !== incoming.dataset.liveVersion) {
        const replacement = document.importNode(incoming, true);
        if (node) node.replaceWith(replacement);
        node = replacement;
      }
      const expected = previous ? previous.nextElementSibling : current.firstElementChild;
      if (expected !== node) current.insertBefore(node, expected);
      previous = node;
    }
    existing.forEach(node => node.remove());
  }

  async function fetchAndSync() {
    try {
      const response = await fetch(window.location.href, { credentials: 'same-origin', headers: { 'X-Live-Refresh': '1' } });
      if (response.ok && !response.redirected) {
        const page = new DOMParser().parseFromString(await response.text(), 'text/html');
        document.querySelectorAll('[data-live]').forEach(current => {
          const fresh = page.querySelector(`[data-live="${current.dataset.live}"]`);
          if (fresh) sync(current, fresh);
        });
      }
    } catch (e) {
      // The server restarted or the network dropped: the next update, or the reconnection's "ready", tries again.
    }
  }

  // Updates arrive in bursts (a call that ends may also be answered and priced): one fetch at a time, and one more after
  // it when updates came in meanwhile.
  async function refresh() {
    if (syncing) {
      again = true;
      return;
    }
    syncing = true;
    try {
      do {
        again = false;
        await fetchAndSync();
      } while (again);
    } finally {
      syncing = false;
    }
  }

  function show(state, text) {
    document.documentElement.dataset.liveState = state;
    stream.textContent = text;
  }

  const source = new EventSource(stream.dataset.liveStream);
  show('connecting', 'connecting…');
  source.addEventListener('ready', () => {
    show('open', 'live');
    refresh();
  });
  for (const type of stream.dataset.liveTypes.split(' ')) {
    source.addEventListener(type, event => {
      let update = null;
      try {
        update = JSON.parse(event.data);
      } catch (e) {
        // Not an update this page understands: fetching is always safe.
      }
      if (!update || concerns(update)) refresh();
    });
  }
  source.addEventListener('error', () => {
    // CLOSED: the stream was refused (signed out) and EventSource gives up; otherwise it is reconnecting.
    if (source.readyState === EventSource.CLOSED) show('closed', 'not live: reload the page');
    else show('connecting', 'reconnecting…');
  });
})();
