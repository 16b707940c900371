// Live refresh: every two seconds, fetch this same page and bring each [data-live] container up to date. Children are
// matched by data-live-id and replaced only when their data-live-version changed, so a recording that is playing keeps
// playing and an opened payload stays open.
(function () {
  'use strict';
  if (!document.querySelector('[data-live]')) return;

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

  async function refresh() {
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
      // The server restarted or the network dropped: try again on the next tick.
    } finally {
      window.setTimeout(refresh, 2000);
    }
  }

  window.setTimeout(refresh, 2000);
})();
