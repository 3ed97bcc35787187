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

  L.scorm = function (version) {
    const v = version === "1.2" ? V12 : V2004;
    let api = null;
    let held = {};
    let timer = 0;
    let started = 0;
    let interactions = 0;
    let over = false;
    const cache = Object.create(null);
    const objectives = new Map();
    const get = (k) => String(api[v.get](k));
    const set = (k, value) => {
      if (cache[k] === value) return false;
      cache[k] = value;
      if (String(api[v.set](k, value)) !== "true") L.warn(`${v.set}(${k}) error ${get(v.error)}`);
      return true;
    };
    const objective = (id) => {
      if (!objectives.has(id)) objectives.set(id, objectives.size);
      return objectives.get(id);
    };
    function commit() {
      clearTimeout(timer);
      timer = 0;
      api[v.commit]("");
    }
    const soon = () => { timer ||= setTimeout(commit, DEBOUNCE_MS); };
    function start() {
      api = L.findApi(v.api);
      if (!api) return null;
      if (String(api[v.init]("")) !== "true") return { error: String(api[v.error]()) };
      started = Date.now();
      held = v.held(get);
      for (let n = 0, total = Number(get("cmi.objectives._count")) || 0; n < total; n += 1) {
        const id = get(`cmi.objectives.${n}.id`);
        objectives.set(id, n);
        cache[`cmi.objectives.${n}.id`] = id;
      }
      interactions = Number(get("cmi.interactions._count")) || 0;
      return { entry: get(v.entry), mode: get(v.mode), location: get(v.location),
        suspend: get("cmi.suspend_data"), language: get(v.lang) };
    }
    return {
      limit: v.limit,
      start,
      save(text, f) {
        let urgent = false;
        if (text !== null) set("cmi.suspend_data", text);
        v.report(f, held, objective).forEach(([k, value]) => {
          if (set(k, value) && STATUS.has(k)) urgent = true;
        });
        if (urgent) commit();
        else soon();
      },
      answers(list) {
        list.forEach((a) => {
          if (interactions >= MAX_INTERACTIONS) return;
          v.interaction(`cmi.interactions.${interactions}.`, a).forEach(([k, value]) => set(k, value));
          interactions += 1;
        });
        commit();
      },
      location(loc) {
        if (loc.length <= v.locationMax && set(v.location, loc)) soon();
      },
      finish(f) { // f: the facts, or null when nothing may be recorded (review mode)
        if (over || !api) return;
        over = true;
        if (f) {
          set(v.exit, v.exitValue(L.finished(f)));
          set(v.time, v.duration(Math.round((Date.now() - started) / 1000)));
          commit();
        }
        api[v.finish]("");
      },
    };
  };
})(self.ccLms = self.ccLms || {});
