/* carecourse core, on every page: loads the modules a page needs (classic scripts, so
   the site also works from file://), the ✓ of completed scenarios in the navigation,
   "last visited"; when the browser cannot save progress, note.js says so. */
(() => {
  "use strict";
  const cc = window.carecourse;
  const { md, own } = cc;
  // builder/runtime.py writes both: module -> the page elements that need it (null: loaded
  // on demand), and a version that changes with every file of the runtime
  const MODULES = "__CC_MODULES__";
  const VERSION = "__CC_VERSION__";

  cc.fmt = (s, o) => String(s).replace(/\{(\w+)\}/g, (m, k) => (own(o, k) ? o[k] : m));
  // a text that counts: its forms by CLDR plural category ({one, few, many, other}), or
  // one text for every count
  cc.plural = (forms, n) => forms[new Intl.PluralRules(document.documentElement.lang).select(n)] ?? forms.other ?? forms;
  cc.el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  };
  cc.button = (label, cls, fn) => {
    const b = cc.el("button", cls, label);
    b.type = "button";
    b.addEventListener("click", fn);
    return b;
  };
  cc.url = (path) => new URL(path, md.root).href;
  cc.mod = {};
  // a stored answer a question of this type and size could really have been given
  cc.fits = (type, n, a) => cc.ints(a) && a.every((i) => i < n)
    && (type === "ordering" ? a.length === n || !a.length : type !== "single" || a.length <= 1);

  // a module's styles come inside its script
  cc.style = (css) => document.head.append(cc.el("style", null, css));
  cc.script = (src) => new Promise((ok, fail) => {
    const s = cc.el("script");
    s.src = src;
    s.onload = ok;
    s.onerror = () => { s.remove(); fail(); };
    document.head.append(s);
  });
  // One request for the modules a page needs that are not loaded yet (runtime.py makes a
  // file for every combination); a failed load is tried again next time.
  const loads = cc.map();
  cc.load = (names) => {
    const missing = names.filter((n) => !loads[n]);
    if (missing.length) {
      const p = cc.script(cc.url(`assets/carecourse/${missing.join("-")}.js?v=${VERSION}`));
      missing.forEach((n) => { loads[n] = p; });
      p.catch(() => missing.forEach((n) => { if (loads[n] === p) delete loads[n]; }));
    }
    return Promise.all(names.map((n) => loads[n]));
  };

  // course.json's data, loaded as a script (course.js sets cc.course) so that it loads
  // from file:// too; tried twice, and a failure is tried again next time
  let course = null;
  const data = () => cc.script(cc.url("assets/carecourse/course.js")).then(() => cc.course);
  cc.manifest = () => (course ||= data().catch(data).catch(() => (course = null)));

  // what is left of a scenario: questions not answered, whether its role-play ended
  cc.answered = (d, q) => {
    const e = d.q[q.key];
    return !!(e && e.a.length && cc.fits(q.type, q.n, e.a));
  };
  cc.status = (s, d) => {
    const left = s.questions.filter((q) => !cc.answered(d, q)).length;
    const got = d.r[s.id] ? d.r[s.id].e : cc.map();
    const ends = Object.keys(got).filter((id) => own(s.endings, id));
    return { left, ends, got, done: !left && (!s.play || ends.length > 0) };
  };

  cc.marks = async () => {
    const m = await cc.manifest();
    if (!m) return;
    const d = cc.read();
    const done = new Map(m.scenarios.map((s) => [cc.url(s.url), cc.status(s, d).done]));
    md.links().forEach((a) => {
      if (!done.has(a.href)) return;
      let mark = a.querySelector(".cc-done");
      if (done.get(a.href) && !mark) {
        mark = cc.el("span", "cc-done");
        mark.title = m.t.completed_mark;
        mark.append(cc.el("span", null, "✓"), cc.el("span", "cc-sr", ` (${m.t.completed_mark})`));
        mark.firstChild.ariaHidden = "true";
        a.append(mark);
      } else if (!done.get(a.href) && mark) mark.remove();
    });
  };

  // Storage full or turned off: note.js tells the learner, once
  let told;
  cc.storageFull = () => { told ||= cc.load(["note"]).then(() => cc.mod.note(), () => {}); };

  // The modules a page needs load at once, in one request; but a role-play sits far down
  // its page and is not needed at first paint: its module loads once the role-play comes
  // within a screen's height of the window.
  const start = (names) => {
    cc.load(names).catch(() => {});
    names.forEach((n) => loads[n].then(() => cc.mod[n](), () => {}));
  };
  let watch;

  md.onPage(() => {
    md.fix();
    watch?.disconnect();
    const needed = Object.keys(MODULES).filter((n) => MODULES[n] && document.querySelector(MODULES[n]));
    start(needed.filter((n) => n !== "roleplay"));
    if (needed.includes("roleplay")) {
      watch = new IntersectionObserver(([e]) => e.isIntersecting && (watch.disconnect(), start(["roleplay"])),
        { rootMargin: "100% 0px" });
      watch.observe(document.querySelector(MODULES.roleplay));
    }
    const here = document.querySelector("[data-cc-scenario]");
    if (here) {
      const d = cc.read();
      if (d.last !== here.dataset.ccScenario) { d.last = here.dataset.ccScenario; cc.write(d); }
    }
    cc.marks();
    cc.visit(location.href);
  });

  // Over http(s), the service worker, when the build made one (the page links its web app
  // manifest; never in an LMS package); its "course cached" message (a MessageEvent) goes
  // to the "offline" module, which says so once per version. From file://, that module is loaded to say,
  // on a tap on search, that search needs a web server.
  const sw = navigator.serviceWorker;
  const say = (what) => cc.load(["offline"]).then(() => cc.mod.offline(what));
  if (location.protocol === "file:") say();
  else if (sw && document.querySelector("link[rel=manifest]")) {
    sw.register(cc.url("sw.js"));
    sw.onmessage = say;
  }
})();
