/* carecourse LMS shell: a whole progress-store state in and out of suspend_data
   (layout in codec.js; builder/lms/suspend.py computes its worst case). */
(function (L) {
  "use strict";
  const { isObj, own, valid, bits } = L;

  L.tables = function (data) {
    const exam = data.pool.concat(data.practice);
    const index = (rows) => new Map(rows.map((q, i) => [q[0], i]));
    return { fp: data.fp, keep: data.keep, pillars: data.pillars, P: data.practice, X: exam,
      S: data.scenarios, Xi: index(exam), Si: new Map(data.scenarios.map((s, i) => [s[0], i])) };
  };

  // an assessment attempt the codec can keep (judged: a finished one, with results)
  function attemptOk(T, d, judged) {
    if (!isObj(d) || !Array.isArray(d.keys) || new Set(d.keys).size !== d.keys.length
      || !d.keys.every((k) => typeof k === "string" && T.Xi.has(k))) return false;
    return !judged || (isObj(d.ok) && Number.isInteger(d.percent) && d.percent >= 0
      && d.percent <= 100 && typeof d.passed === "boolean");
  }
  L.attempts = (T, done) => (Array.isArray(done) ? done.filter((d) => attemptOk(T, d, true)) : []);
  // the best attempt (the latest of equals): the one the LMS is told about
  L.best = (list) => list.reduce((b, d) => (!b || d.percent >= b.percent ? d : b), null);
  function kept(list, keep) { // the best attempt and the latest ones
    if (list.length <= keep) return list;
    const best = L.best(list);
    const others = list.filter((d) => d !== best);
    const latest = others.slice(others.length - (keep - 1));
    return list.filter((d) => d === best || latest.includes(d));
  }

  function putAttempt(w, d, T, judged) {
    w.put(d.keys.length, bits(T.X.length + 1));
    d.keys.forEach((k) => w.put(T.Xi.get(k), bits(T.X.length)));
    d.keys.forEach((k) => {
      const q = T.X[T.Xi.get(k)];
      const a = isObj(d.a) && own(d.a, k) ? d.a[k] : null;
      if (w.flag(valid(q[2], q[3], a))) L.putAnswer(w, q, a);
      if (judged) w.flag(d.ok[k] === true);
    });
    if (judged) { w.put(d.percent, 7); w.flag(d.passed); }
    L.putTime(w, d.at);
  }
  function byPillar(T, keys, ok) {
    const by = {};
    T.pillars.forEach((p) => keys.forEach((k) => {
      if (T.X[T.Xi.get(k)][1] !== p) return;
      const v = (by[p] ||= { right: 0, total: 0 });
      v.total += 1;
      if (ok[k]) v.right += 1;
    }));
    return by;
  }
  function getAttempt(r, T, judged) {
    const keys = [];
    for (let n = r.get(bits(T.X.length + 1)); n > 0; n -= 1) {
      const i = r.get(bits(T.X.length));
      if (i >= T.X.length || keys.includes(T.X[i][0])) throw new Error("key");
      keys.push(T.X[i][0]);
    }
    const d = { keys, a: {} };
    if (judged) d.ok = {};
    keys.forEach((k) => {
      if (r.flag()) d.a[k] = L.getAnswer(r, T.X[T.Xi.get(k)]);
      if (judged) d.ok[k] = r.flag();
    });
    if (judged) Object.assign(d, { percent: r.get(7), by: byPillar(T, keys, d.ok), passed: r.flag() });
    const at = L.getTime(r);
    if (at !== undefined) d.at = at;
    if (judged && d.percent > 100) throw new Error("percent");
    return d;
  }

  function putPlays(w, r, T) {
    const all = isObj(r) ? r : {};
    T.S.forEach((s) => {
      const mine = own(all, s[0]) && isObj(all[s[0]]) && isObj(all[s[0]].e) ? all[s[0]].e : {};
      s[2].forEach((id) => {
        const i = own(mine, id) ? L.RATINGS.indexOf(mine[id]) : -1;
        if (w.flag(i >= 0)) w.put(i, 2);
      });
    });
  }
  function getPlays(r, T, into) {
    T.S.forEach((s) => {
      const e = {};
      s[2].forEach((id) => {
        if (!r.flag()) return;
        e[id] = L.RATINGS[r.get(2)];
        if (!e[id]) throw new Error("rating");
      });
      if (Object.keys(e).length) into[s[0]] = { e };
    });
  }

  L.encode = function (state, T, keep) {
    const s = isObj(state) ? state : {};
    const w = L.writer();
    L.putSeed(w, s.seed);
    const last = T.Si.get(s.last);
    if (w.flag(last !== undefined)) w.put(last, bits(T.S.length));
    const q = isObj(s.q) ? s.q : {};
    T.P.forEach((p) => {
      const e = own(q, p[0]) ? q[p[0]] : null;
      if (!w.flag(isObj(e) && valid(p[2], p[3], e.a))) return;
      L.putAnswer(w, p, e.a);
      w.flag(e.ok === true);
      w.put(Number.isInteger(e.n) && e.n > 0 ? e.n % 16 : 0, 4);
    });
    putPlays(w, s.r, T);
    const x = isObj(s.x) ? s.x : {};
    if (w.flag(attemptOk(T, x.cur, false))) putAttempt(w, x.cur, T, false);
    const done = kept(L.attempts(T, x.done), keep || T.keep);
    w.put(done.length, bits(T.keep + 1));
    done.forEach((d) => putAttempt(w, d, T, true));
    return L.HEAD + T.fp + w.text();
  };

  // the encoding that fits the LMS's limit, keeping fewer old attempts if it must
  L.fit = function (state, T, limit) {
    for (let keep = T.keep; keep >= 1; keep -= 1) {
      const text = L.encode(state, T, keep);
      if (text.length <= limit) return text;
    }
    return null;
  };

  L.decode = function (text, T) {
    const head = L.HEAD + T.fp;
    if (typeof text !== "string" || text.slice(0, head.length) !== head) return null;
    try {
      const r = L.reader(text, head.length);
      const s = { v: 2, q: {}, r: {}, x: { done: [] } };
      const seed = L.getSeed(r);
      if (seed !== undefined) s.seed = seed;
      if (r.flag()) {
        const i = r.get(bits(T.S.length));
        if (i >= T.S.length) throw new Error("scenario");
        s.last = T.S[i][0];
      }
      T.P.forEach((p) => {
        if (r.flag()) s.q[p[0]] = { a: L.getAnswer(r, p), ok: r.flag(), n: r.get(4) };
      });
      getPlays(r, T, s.r);
      if (r.flag()) s.x.cur = getAttempt(r, T, false);
      for (let n = r.get(bits(T.keep + 1)); n > 0; n -= 1) s.x.done.push(getAttempt(r, T, true));
      return r.end() && s.x.done.length <= T.keep ? s : null;
    } catch (e) {
      return null; // not ours, or damaged: ignored
    }
  };
})(self.ccLms = self.ccLms || {});
