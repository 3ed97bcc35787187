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

  L.cmi5 = function () {
    let cmi = null;
    let params = null;
    let launch = {};
    let doc = {};
    let judged = false; // passed or failed already sent in this session
    let busy = false;
    let closing = false;
    let timer = 0;
    const queue = [];
    const endpoint = () => params.endpoint.replace(/\/?$/, "/");
    const headers = () => ({ Authorization: `Basic ${cmi.getAuthToken()}`,
      "X-Experience-API-Version": XAPI_VERSION, "Content-Type": "application/json" });
    const post = (list) => fetch(`${endpoint()}statements`, { method: "POST", keepalive: true,
      headers: headers(), body: JSON.stringify(list) });
    const stateUrl = () => `${endpoint()}activities/state?${new URLSearchParams({
      activityId: params.activityId, agent: JSON.stringify(params.actor),
      registration: params.registration, stateId: STATE_ID })}`;

    function pump() {
      if (busy || closing || !queue.length) return;
      busy = true;
      post([queue[0]]).then((r) => { if (!r.ok) L.warn(`statement refused: HTTP ${r.status}`); },
        () => L.warn("statement not sent")).finally(() => { queue.shift(); busy = false; pump(); });
    }
    function send(statement, options) {
      queue.push(options && typeof options.transform === "function" ? options.transform(statement) : statement);
      pump();
      return Promise.resolve([statement.id]);
    }
    function writeDoc() {
      clearTimeout(timer);
      timer = 0;
      fetch(stateUrl(), { method: "PUT", keepalive: true, headers: headers(), body: JSON.stringify(doc) })
        .then((r) => { if (!r.ok) L.warn(`state refused: HTTP ${r.status}`); }, () => L.warn("state not saved"));
    }
    async function readDoc() {
      try {
        const r = await fetch(stateUrl(), { headers: headers() });
        const d = r.ok ? await r.json() : {};
        return L.isObj(d) ? d : {};
      } catch (e) {
        return {};
      }
    }

    // passed or failed by the LMS's mastery score when it gives one, else by the course's
    function judge(f) {
      if (f.score === null) return null;
      return typeof launch.masteryScore === "number" ? f.score / 100 >= launch.masteryScore : f.passed;
    }
    const score = (f) => ({ scaled: f.score / 100, raw: f.score, min: 0, max: 100 });
    const withPillars = (f) => ({ transform: (s) => {
      const each = {};
      f.pillars.forEach((p) => {
        if (p.score !== null) each[p.id] = { scaled: p.score / 100, raw: p.score, min: 0, max: 100, success: p.passed };
      });
      return { ...s, result: { ...s.result, extensions: { ...(s.result.extensions || {}), [PILLARS]: each } } };
    } });
    function objective(a) {
      return { objectType: "Activity", id: `${params.activityId}/objective/${a.objective}`,
        definition: { type: "http://adlnet.gov/expapi/activities/objective" } };
    }

    return {
      limit: Infinity,
      async start() {
        if (!window.Cmi5 || !window.Cmi5.isCmiAvailable) return null;
        cmi = new window.Cmi5();
        params = cmi.getLaunchParameters();
        cmi.sendXapiStatement = send;
        await cmi.initialize();
        launch = cmi.getLaunchData() || {};
        doc = await readDoc();
        const prefs = cmi.getLearnerPreferences() || {};
        return { mode: String(launch.launchMode || "Normal").toLowerCase(), location: doc.location,
          suspend: doc.suspend, language: prefs.languagePreference };
      },
      save(text, f) {
        if (text !== null) { doc.suspend = text; timer ||= setTimeout(writeDoc, DEBOUNCE_MS); }
        if (f.completed && !doc.completed) {
          doc.completed = true;
          cmi.complete();
          writeDoc();
        }
        if (judge(f) === true && !doc.passed && !judged) {
          judged = true;
          doc.passed = true;
          cmi.pass(score(f), withPillars(f));
          writeDoc();
        }
      },
      answers(list) {
        list.forEach((a) => {
          const args = [a.ok, undefined, objective(a)];
          if (a.type === "sequencing") {
            const right = [...Array(a.n).keys()].map((i) => String.fromCharCode(97 + i));
            cmi.interactionSequencing("assessment", a.key, a.response, right, undefined, undefined, undefined, ...args);
          } else {
            cmi.interactionChoice("assessment", a.key, a.response, undefined, undefined, undefined, undefined, ...args);
          }
        });
      },
      location(loc) {
        doc.location = loc;
        timer ||= setTimeout(writeDoc, DEBOUNCE_MS);
      },
      finish(f) { // f: the facts, or null when nothing may be recorded (browse, review)
        if (closing || !cmi) return;
        closing = true;
        if (f && judge(f) === false && !judged && !doc.passed) cmi.fail(score(f), withPillars(f));
        cmi.terminate();
        post(queue.splice(busy ? 1 : 0)).catch(() => L.warn("last statements not sent"));
        if (f) writeDoc();
      },
    };
  };
})(self.ccLms = self.ccLms || {});
