/* carecourse: the offline notes (core.js loads this module), in the page's language:
   the course is now kept on this device (the service worker's message: the name of its
   cache, said once per version), or, opened from a file (no message), that search
   needs a web server, when the learner opens search. */
(() => {
  "use strict";
  const cc = window.carecourse;
  const KEY = "carecourse-offline";

  // at the end of the page (it covers nothing and moves nothing: a verdict or a role-play
  // step scrolled into view stays in view), or at the bottom of the screen, over search
  const show = async (key, inPage) => {
    document.querySelector(".cc-off-note")?.remove();
    const m = await cc.manifest();
    const t = m && cc.isObj(m.t) ? m.t : {};
    const box = cc.el("div", `cc-off-note${inPage ? " cc-off-note--page" : ""}`);
    box.setAttribute("role", "status");
    box.append(cc.el("p", null, t[key]), cc.button(t.storage_close, "md-button", () => box.remove()));
    (inPage && document.querySelector(".md-content article") || document.body).append(box);
  };

  cc.mod.offline = (message) => {
    const what = message?.data;
    if (!what) {
      document.getElementById("__search")?.addEventListener("change", () => show("search_needs_server"));
      return;
    }
    try {
      if (localStorage.getItem(KEY) === what) return;
      localStorage.setItem(KEY, what);
    } catch (e) { /* no storage: say it every time */ }
    show("offline_ready", true);
  };
})();
