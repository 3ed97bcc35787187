/* carecourse: the notes of offline.js, in the page's language: the course is now kept
   on this device (once per version of the course: ``what`` is the name of its cache), or, opened from a file
   (no ``what``), that search needs a web server, when the learner opens search. */
(() => {
  "use strict";
  const cc = window.carecourse;
  const KEY = "carecourse-offline";

  const show = async (key) => {
    document.querySelector(".cc-off-note")?.remove();
    const m = await cc.manifest();
    const t = m && cc.isObj(m.t) ? m.t : {};
    const box = cc.el("div", "cc-off-note");
    box.setAttribute("role", "status");
    box.append(cc.el("p", null, t[key]), cc.button(t.storage_close, "md-button", () => box.remove()));
    document.body.append(box);
  };

  cc.mod.offline = (what) => {
    if (!what) {
      document.getElementById("__search")?.addEventListener("change", () => show("search_needs_server"));
      return;
    }
    try {
      if (localStorage.getItem(KEY) === what) return;
      localStorage.setItem(KEY, what);
    } catch (e) { /* no storage: say it every time */ }
    show("offline_ready");
  };
})();
