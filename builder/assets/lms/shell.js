/* carecourse LMS shell: the launch page. Finds the LMS, starts one session, shows the
   course in a full-size frame and offers the course's progress store `carecourseLms`
   (CONTRACTS section 3): load() the saved state, save(state) after every write, visit(url)
   on every page view. Without an LMS the course keeps its progress in the browser. */
(function (L) {
  "use strict";
  const data = JSON.parse(document.getElementById("cc-lms-data").textContent);
  const T = L.tables(data);
  const frame = document.getElementById("cc-lms-course");
  const note = document.getElementById("cc-lms-note");
  const codes = data.languages.map((l) => l.code);
  const base = new URL("course/", location.href).href;
  L.warn = (text) => { if (window.console) console.warn(`carecourse LMS: ${text}`); };

  function say(key, code, detail) {
    const words = (data.languages.find((l) => l.code === code) || data.languages[0]).ui;
    note.textContent = words[key] + (detail ? ` (${detail})` : "");
    note.hidden = false;
  }

  // where the course opens: the saved location, else the learner's language, else the first
  function safe(loc) {
    const path = typeof loc === "string" ? loc.split("#")[0] : "";
    if (!/^[A-Za-z0-9._~%/-]+\.html$/.test(path) || path.split("/").includes("..")) return null;
    return codes.includes(path.split("/")[0]) ? path : null;
  }
  function opening(saved, preference) {
    const found = safe(saved);
    if (found) return found;
    const wanted = [preference, ...(navigator.languages || [navigator.language])]
      .filter(Boolean).flatMap((s) => String(s).split(","))
      .map((s) => s.trim().slice(0, 2).toLowerCase());
    return `${wanted.find((c) => codes.includes(c)) || codes[0]}/index.html`;
  }
  function show(path) {
    const code = path.split("/")[0];
    const lang = data.languages.find((l) => l.code === code);
    document.documentElement.lang = code;
    document.title = lang.title;
    frame.title = lang.title;
    return code;
  }
  function relative(url) {
    try {
      const u = new URL(url, location.href);
      const href = u.origin + u.pathname;
      return href.startsWith(base) ? safe(href.slice(base.length)) : null;
    } catch (e) {
      return null;
    }
  }

  function connect(lms, adapter) {
    let json = null;
    const loaded = L.decode(lms.suspend, T);
    const foreign = !loaded && !!lms.suspend;
    if (loaded) json = JSON.stringify(loaded);
    const record = !/^(review|browse)$/i.test(lms.mode || "");
    const seen = new Set();
    L.newAttempts(loaded, T, seen); // reported in the sessions that made them
    const some = (m) => L.isObj(m) && Object.keys(m).length > 0;
    const progress = (s) => L.isObj(s) && (some(s.q) || some(s.r) || (L.isObj(s.x)
      && (L.isObj(s.x.cur) || (Array.isArray(s.x.done) && s.x.done.length > 0))));
    const facts = () => L.facts(json ? JSON.parse(json) : null, T, data.pass);
    window.carecourseLms = {
      load: () => (json ? JSON.parse(json) : null),
      save(state) {
        const text = JSON.stringify(state);
        if (text === json || !record) { json = text; return; }
        json = text;
        // a state saved by another course version is kept until there is new progress
        const keep = foreign && !progress(state);
        const packed = keep ? null : L.fit(state, T, adapter.limit);
        if (!keep && packed === null) L.warn("the progress does not fit the LMS's suspend_data");
        adapter.save(packed, facts());
        const fresh = L.newAttempts(state, T, seen);
        if (fresh.length) adapter.answers(fresh.flatMap((d) => L.answers(d, T)));
      },
      visit(url) {
        const loc = relative(url);
        if (!loc) return;
        show(loc);
        if (record) adapter.location(loc);
      },
    };
    if (record) adapter.save(null, facts());
    const finish = () => adapter.finish(record ? facts() : null);
    window.addEventListener("pagehide", finish);
    window.addEventListener("beforeunload", finish);
  }

  async function start() {
    const adapter = data.format === "cmi5" ? L.cmi5() : L.scorm(data.format === "scorm12" ? "1.2" : "2004");
    let lms = null;
    try {
      lms = await adapter.start();
    } catch (e) {
      lms = { error: String(e && e.message ? e.message : e) };
    }
    const path = opening(lms && lms.location, lms && lms.language);
    const code = show(path);
    if (!lms) say("no_lms", code);
    else if (lms.error) say("no_session", code, lms.error);
    else connect(lms, adapter);
    frame.src = `course/${path}`;
  }
  start();
})(self.ccLms = self.ccLms || {});
