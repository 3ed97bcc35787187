/* carecourse LMS shell: the SCORM 1.2 and SCORM 2004 (3rd edition) runtimes.
   One session: initialised once, values written only when they change (the score before
   the status), commits debounced and immediate on a status change, finished exactly once. */
(function (L) {
  "use strict";
  const pad = (n) => String(n).padStart(2, "0");
  const decimal = (x) => String(Math.round(x * 1e7) / 1e7);
  const MAX_INTERACTIONS = 250; // SCORM 2004's smallest permitted maximum
  const DEBOUNCE_MS = 2000;
  const STATUS = new Set(["cmi.core.lesson_status", "cmi.completion_status", "cmi.success_status"]);

  function status12(f, held) {
    if (held === "passed" || f.passed === true) return "passed";
    const mine = f.passed === false ? "failed" : f.completed ? "completed" : "incomplete";
    return mine === "incomplete" && (held === "completed" || held === "failed") ? held : mine;
  }
  function objective12(p) {
    if (p.passed !== null) return p.passed ? "passed" : "failed";
    if (!p.answered) return "not attempted";
    return p.answered === p.total ? "completed" : "incomplete";
  }
  function score(at, value, scaled) {
    const out = [[`${at}min`, "0"], [`${at}max`, "100"], [`${at}raw`, String(value)]];
    return scaled ? out.concat([[`${at}scaled`, decimal(value / 100)]]) : out;
  }

  const V12 = {
    api: "API", init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue",
    commit: "LMSCommit", finish: "LMSFinish", error: "LMSGetLastError",
    entry: "cmi.core.entry", mode: "cmi.core.lesson_mode", location: "cmi.core.lesson_location",
    lang: "cmi.student_preference.language", exit: "cmi.core.exit", time: "cmi.core.session_time",
    limit: 4096, locationMax: 255,
    held: (get) => ({ status: get("cmi.core.lesson_status") }),
    report(f, held, obj) {
      const out = f.score !== null && (held.status !== "passed" || f.passed === true)
        ? score("cmi.core.score.", f.score, false) : [];
      out.push(["cmi.core.lesson_status", status12(f, held.status)]);
      f.pillars.forEach((p) => {
        const at = `cmi.objectives.${obj(p.id)}.`;
        out.push([`${at}id`, p.id], ...(p.score === null ? [] : score(`${at}score.`, p.score, false)),
          [`${at}status`, objective12(p)]);
      });
      return out;
    },
    interaction(at, a) {
      const t = new Date(a.at);
      return [[`${at}id`, a.id], [`${at}objectives.0.id`, a.objective],
        [`${at}time`, `${pad(t.getHours())}:${pad(t.getMinutes())}:${pad(t.getSeconds())}`],
        [`${at}type`, a.type], ...(a.response.length ? [[`${at}student_response`, a.response.join(",")]] : []),
        [`${at}result`, a.ok ? "correct" : "wrong"]];
    },
    exitValue: (finished) => (finished ? "" : "suspend"),
    duration: (s) => `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`,
  };

  const V2004 = {
    api: "API_1484_11", init: "Initialize", get: "GetValue", set: "SetValue",
    commit: "Commit", finish: "Terminate", error: "GetLastError",
    entry: "cmi.entry", mode: "cmi.mode", location: "cmi.location",
    lang: "cmi.learner_preference.language", exit: "cmi.exit", time: "cmi.session_time",
    limit: 64000, locationMax: 1000,
    held: (get) => ({ completion: get("cmi.completion_status"), success: get("cmi.success_status") }),
    report(f, held, obj) {
      const keep = held.success === "passed" && f.passed !== true; // never undo a pass
      const out = f.score !== null && !keep ? score("cmi.score.", f.score, true) : [];
      out.push(["cmi.progress_measure", decimal(f.progress)],
        ["cmi.completion_status", f.completed || held.completion === "completed" ? "completed" : "incomplete"]);
      if (f.passed !== null && !keep) out.push(["cmi.success_status", f.passed ? "passed" : "failed"]);
      f.pillars.forEach((p) => {
        const at = `cmi.objectives.${obj(p.id)}.`;
        out.push([`${at}id`, p.id], ...(p.score === null ? [] : score(`${at}score.`, p.score, true)),
          [`${at}success_status`, p.passed === null ? "unknown" : p.passed ? "passed" : "failed"],
          [`${at}completion_status`, !p.answered ? "not attempted" : p.answered === p.total ? "completed" : "incomplete"],
          [`${at}progress_measure`, decimal(p.total ? p.answered / p.total : 1)]);
      });
      return out;
    },
    interaction(at, a) {
      return [[`${at}id`, a.id], [`${at}type`, a.type], [`${at}objectives.0.id`, a.objective],
        [`${at}timestamp`, `${new Date(a.at).toISOString().slice(0, 21)}Z`],
        ...(a.response.length ? [[`${at}learner_response`, a.response.join("[,]")]] : []),
        [`${at}result`, a.ok ? "correct" : "incorrect"]];
    },
    exitValue: (finished) => (finished ? "normal" : "suspend"),
    duration: (s) => `PT${Math.floor(s / 3600)}H${Math.floor(s / 60) % 60}M${s % 60}S`,
  };

  // the LMS's API object: this window, then its parents, then the opener and its parents
  function search(w, name) {
    for (let hops = 0; w && hops < 10; hops += 1) {
      try { if (w[name]) return w[name]; } catch (e) { /* another origin: look higher */ }
      if (w.parent === w) return null;
      w = w.parent;
    }
    return null;
  }
  L.findApi = function (name) {
    let opener = null;
    try { opener = window.opener; } catch (e) { /* none we may see */ }
    return search(window, name) || (opener ? search(opener, name) : null);
  };

  // one LMS session: `s` holds its state, the functions below act on it
  const get = (s, k) => String(s.api[s.v.get](k));
  function set(s, k, value) {
    if (s.cache[k] === value) return false;
    s.cache[k] = value;
    if (String(s.api[s.v.set](k, value)) !== "true") L.warn(`${s.v.set}(${k}) error ${get(s, s.v.error)}`);
    return true;
  }
  function objective(s, id) {
    if (!s.objectives.has(id)) s.objectives.set(id, s.objectives.size);
    return s.objectives.get(id);
  }
  function commit(s) {
    clearTimeout(s.timer);
    s.timer = 0;
    s.api[s.v.commit]("");
  }
  const soon = (s) => { s.timer ||= setTimeout(() => commit(s), DEBOUNCE_MS); };

  function start(s) {
    const v = s.v;
    s.api = L.findApi(v.api);
    if (!s.api) return null;
    if (String(s.api[v.init]("")) !== "true") return { error: String(s.api[v.error]()) };
    s.started = Date.now();
    s.held = v.held((k) => get(s, k));
    for (let n = 0, total = Number(get(s, "cmi.objectives._count")) || 0; n < total; n += 1) {
      const id = get(s, `cmi.objectives.${n}.id`);
      s.objectives.set(id, n);
      s.cache[`cmi.objectives.${n}.id`] = id;
    }
    s.interactions = Number(get(s, "cmi.interactions._count")) || 0;
    return { entry: get(s, v.entry), mode: get(s, v.mode), location: get(s, v.location),
      suspend: get(s, "cmi.suspend_data"), language: get(s, v.lang) };
  }
  function save(s, text, f) {
    let urgent = false;
    if (text !== null) set(s, "cmi.suspend_data", text);
    s.v.report(f, s.held, (id) => objective(s, id)).forEach(([k, value]) => {
      if (set(s, k, value) && STATUS.has(k)) urgent = true;
    });
    if (urgent) commit(s);
    else soon(s);
  }
  function answers(s, list) {
    list.forEach((a) => {
      if (s.interactions >= MAX_INTERACTIONS) return;
      s.v.interaction(`cmi.interactions.${s.interactions}.`, a).forEach(([k, value]) => set(s, k, value));
      s.interactions += 1;
    });
    commit(s);
  }
  function finish(s, f) { // f: the facts, or null when nothing may be recorded (review mode)
    if (s.over || !s.api) return;
    s.over = true;
    if (f) {
      set(s, s.v.exit, s.v.exitValue(L.finished(f)));
      set(s, s.v.time, s.v.duration(Math.round((Date.now() - s.started) / 1000)));
      commit(s);
    }
    s.api[s.v.finish]("");
  }

  L.scorm = function (version) {
    const v = version === "1.2" ? V12 : V2004;
    const s = { v, api: null, held: {}, timer: 0, started: 0, interactions: 0, over: false,
      cache: Object.create(null), objectives: new Map() };
    return {
      limit: v.limit,
      start: () => start(s),
      save: (text, f) => save(s, text, f),
      answers: (list) => answers(s, list),
      location(loc) { if (loc.length <= v.locationMax && set(s, v.location, loc)) soon(s); },
      finish: (f) => finish(s, f),
    };
  };
})(self.ccLms = self.ccLms || {});
