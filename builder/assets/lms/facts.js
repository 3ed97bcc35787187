/* carecourse LMS shell: what the LMS is told, derived from the progress store's state
   alone (CONTRACTS section 3) and the course tables; the course pages know nothing of it. */
(function (L) {
  "use strict";
  const { isObj, own, valid } = L;
  const count = (v) => (Number.isInteger(v) && v >= 0 ? v : -1);

  function pillarFact(p, T, best, answered, pass) {
    const mine = T.P.map((q, i) => (q[1] === p ? i : -1)).filter((i) => i >= 0);
    const by = best && isObj(best.by) && isObj(best.by[p]) ? best.by[p] : null;
    const ok = by && count(by.right) >= 0 && count(by.total) > 0 && by.right <= by.total;
    const score = ok ? Math.round((100 * by.right) / by.total) : null;
    return { id: `pillar-${p}`, score, passed: score === null ? null : score >= pass,
      answered: mine.filter(answered).length, total: mine.length };
  }

  // completion: every scenario done (practice questions answered, a role-play ending reached);
  // success: the best assessment attempt passed; scores are that attempt's, per pillar too
  L.facts = function (state, T, pass) {
    const s = isObj(state) ? state : {};
    const q = isObj(s.q) ? s.q : {};
    const r = isObj(s.r) ? s.r : {};
    const answered = (i) => {
      const p = T.P[i];
      const e = own(q, p[0]) ? q[p[0]] : null;
      return isObj(e) && valid(p[2], p[3], e.a) && e.a.length > 0;
    };
    const played = (id) => own(r, id) && isObj(r[id]) && isObj(r[id].e)
      && Object.values(r[id].e).some((v) => L.RATINGS.includes(v));
    const done = T.S.filter((sc) => sc[1].every(answered) && (!sc[3] || played(sc[0]))).length;
    const best = L.best(L.attempts(T, isObj(s.x) ? s.x.done : null));
    return {
      completed: done === T.S.length,
      progress: T.S.length ? done / T.S.length : 1,
      score: best ? best.percent : null,
      passed: best ? best.passed : null,
      pillars: T.pillars.map((p) => pillarFact(p, T, best, answered, pass)),
    };
  };
  L.finished = (f) => f.completed && f.passed === true;

  // attempts not reported yet; `seen` remembers them across saves
  L.newAttempts = function (state, T, seen) {
    const list = L.attempts(T, isObj(state) && isObj(state.x) ? state.x.done : null);
    return list.filter((d) => {
      const id = `${d.at}|${d.keys.join(",")}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  };

  // one answer of an attempt, as an LMS interaction: options are letters by their
  // position in the scenario file (a, b, c...), the pillar is its objective
  L.answers = (d, T) => d.keys.map((k) => {
    const q = T.X[T.Xi.get(k)];
    const a = isObj(d.a) && own(d.a, k) && valid(q[2], q[3], d.a[k]) ? d.a[k] : [];
    return { key: k, id: k.replace(/\//g, "."), type: q[2] === "ordering" ? "sequencing" : "choice",
      objective: `pillar-${q[1]}`, response: a.map((i) => String.fromCharCode(97 + i)),
      ok: isObj(d.ok) && d.ok[k] === true, n: q[3], at: Number.isFinite(d.at) ? d.at : Date.now() };
  });
})(self.ccLms = self.ccLms || {});
