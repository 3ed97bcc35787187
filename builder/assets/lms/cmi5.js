/* carecourse LMS shell: the cmi5 assignable unit, with @xapi/cmi5 (vendor/cmi5.umd.js).
   The library reads the launch parameters, posts to the fetch URL for the token, reads
   LMS.LaunchData from the State API and makes the cmi5 statements; they are sent from here,
   in order, with keepalive requests, so the last ones survive the page closing. The saved
   progress lives in the State API too (stateId "carecourse"). cmi5 rules kept: completed and
   passed once per registration, at most one of passed/failed per session (a failure is
   sent when the session ends, so a retry in the same session can still pass), no failed
   after passed, and only initialized/terminated outside "Normal" launch mode. */
(function (L) {
  "use strict";
  const XAPI_VERSION = "1.0.3";
  const STATE_ID = "carecourse";
  const PILLARS = "urn:carecourse:result:pillars"; // result extension: one score per pillar
  const DEBOUNCE_MS = 2000;

  // one AU session: `s` holds its state, the functions below act on it
  const endpoint = (s) => s.params.endpoint.replace(/\/?$/, "/");
  const headers = (s) => ({ Authorization: `Basic ${s.cmi.getAuthToken()}`,
    "X-Experience-API-Version": XAPI_VERSION, "Content-Type": "application/json" });
  const post = (s, list) => fetch(`${endpoint(s)}statements`, { method: "POST", keepalive: true,
    headers: headers(s), body: JSON.stringify(list) });
  const stateUrl = (s) => `${endpoint(s)}activities/state?${new URLSearchParams({
    activityId: s.params.activityId, agent: JSON.stringify(s.params.actor),
    registration: s.params.registration, stateId: STATE_ID })}`;

  // statements leave one at a time, in order; what is left when the page closes goes at once
  function pump(s) {
    if (s.busy || s.closing || !s.queue.length) return;
    s.busy = true;
    post(s, [s.queue[0]]).then((r) => { if (!r.ok) L.warn(`statement refused: HTTP ${r.status}`); },
      () => L.warn("statement not sent")).finally(() => { s.queue.shift(); s.busy = false; pump(s); });
  }
  function send(s, statement, options) {
    s.queue.push(options && typeof options.transform === "function" ? options.transform(statement) : statement);
    pump(s);
    return Promise.resolve([statement.id]);
  }
  function writeDoc(s) {
    clearTimeout(s.timer);
    s.timer = 0;
    fetch(stateUrl(s), { method: "PUT", keepalive: true, headers: headers(s), body: JSON.stringify(s.doc) })
      .then((r) => { if (!r.ok) L.warn(`state refused: HTTP ${r.status}`); }, () => L.warn("state not saved"));
  }
  const soon = (s) => { s.timer ||= setTimeout(() => writeDoc(s), DEBOUNCE_MS); };
  async function readDoc(s) {
    try {
      const r = await fetch(stateUrl(s), { headers: headers(s) });
      const d = r.ok ? await r.json() : {};
      return L.isObj(d) ? d : {};
    } catch (e) {
      return {};
    }
  }

  // passed or failed by the LMS's mastery score when it gives one, else by the course's
  function judge(s, f) {
    if (f.score === null) return null;
    return typeof s.launch.masteryScore === "number" ? f.score / 100 >= s.launch.masteryScore : f.passed;
  }
  const score = (f) => ({ scaled: f.score / 100, raw: f.score, min: 0, max: 100 });
  const withPillars = (f) => ({ transform: (st) => {
    const each = {};
    f.pillars.forEach((p) => {
      if (p.score !== null) each[p.id] = { scaled: p.score / 100, raw: p.score, min: 0, max: 100, success: p.passed };
    });
    return { ...st, result: { ...st.result, extensions: { ...(st.result.extensions || {}), [PILLARS]: each } } };
  } });

  async function start(s) {
    if (!window.Cmi5 || !window.Cmi5.isCmiAvailable) return null;
    s.cmi = new window.Cmi5();
    s.params = s.cmi.getLaunchParameters();
    s.cmi.sendXapiStatement = (statement, options) => send(s, statement, options);
    await s.cmi.initialize(); // the fetch URL, LMS.LaunchData, learner preferences, "initialized"
    s.launch = s.cmi.getLaunchData() || {};
    s.doc = await readDoc(s);
    const prefs = s.cmi.getLearnerPreferences() || {};
    return { mode: String(s.launch.launchMode || "Normal").toLowerCase(), location: s.doc.location,
      suspend: s.doc.suspend, language: prefs.languagePreference };
  }
  function save(s, text, f) {
    if (text !== null) { s.doc.suspend = text; soon(s); }
    if (f.completed && !s.doc.completed) {
      s.doc.completed = true;
      s.cmi.complete();
      writeDoc(s);
    }
    if (judge(s, f) === true && !s.doc.passed && !s.judged) {
      s.judged = true;
      s.doc.passed = true;
      s.cmi.pass(score(f), withPillars(f));
      writeDoc(s);
    }
  }
  function answers(s, list) {
    list.forEach((a) => {
      const objective = { objectType: "Activity", id: `${s.params.activityId}/objective/${a.objective}`,
        definition: { type: "http://adlnet.gov/expapi/activities/objective" } };
      const rest = [undefined, undefined, undefined, a.ok, undefined, objective];
      if (a.type === "sequencing") {
        const right = [...Array(a.n).keys()].map((i) => String.fromCharCode(97 + i));
        s.cmi.interactionSequencing("assessment", a.key, a.response, right, ...rest);
      } else {
        s.cmi.interactionChoice("assessment", a.key, a.response, undefined, ...rest);
      }
    });
  }
  function finish(s, f) { // f: the facts, or null when nothing may be recorded (browse, review)
    if (s.closing || !s.cmi) return;
    s.closing = true;
    if (f && judge(s, f) === false && !s.judged && !s.doc.passed) s.cmi.fail(score(f), withPillars(f));
    s.cmi.terminate();
    post(s, s.queue.splice(s.busy ? 1 : 0)).catch(() => L.warn("last statements not sent"));
    if (f) writeDoc(s);
  }

  L.cmi5 = function () {
    const s = { cmi: null, params: null, launch: {}, doc: {}, queue: [], busy: false,
      closing: false, judged: false, timer: 0 }; // judged: passed or failed sent this session
    return {
      limit: Infinity,
      start: () => start(s),
      save: (text, f) => save(s, text, f),
      answers: (list) => answers(s, list),
      location(loc) { s.doc.location = loc; soon(s); },
      finish: (f) => finish(s, f),
    };
  };
})(self.ccLms = self.ccLms || {});
