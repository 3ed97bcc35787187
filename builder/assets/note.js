/* carecourse: the browser cannot save progress (storage full or turned off). Loaded
   the first time a write fails; tells the learner once, in their language. */
(() => {
  "use strict";
  const cc = window.carecourse;

  cc.mod.note = async () => {
    const m = await cc.manifest();
    const t = m && cc.isObj(m.t) ? m.t : {};
    const box = cc.el("div", "cc-store-note");
    box.setAttribute("role", "alert");
    box.append(cc.el("p", null, t.storage_full || "Your progress cannot be saved in this browser."),
      cc.button(t.storage_close || "OK", "md-button", () => box.remove()));
    document.body.append(box);
  };
})();
