/* carecourse review: an attempt at the final assessment after Submit — each question
   marked as far as the reveal rule allows, then the result. exam.js loads this module
   after Submit, or to show the last attempt (the first paint of an attempt needs none of it). */
(() => {
  "use strict";
  const cc = window.carecourse;
  const { el, fmt } = cc;

  function mark(q, k, a, open) {
    const label = (i) => k.p.indexOf(i);
    q.set(a.map(label));
    const g = cc.grade(q.type, a, k.c, q.n);
    const shown = new Map();
    if (g.ok || open) {
      g.verdicts.forEach((v, i) => {
        shown.set(label(i), v);
        const fb = el("div", "cc-opt__feedback");
        fb.innerHTML = k.f[i];
        q.list.querySelector(`[data-cc-index="${label(i)}"]`).append(fb);
      });
    }
    q.show(g.ok, g.partly, shown);
    const why = el("div", "cc-q__review");
    why.innerHTML = k.e;
    why.prepend(el("strong", null, q.t.explanation));
    q.li.append(why);
  }

  // The result of an attempt at the final assessment, under its review on the assessment
  // page: the score, per pillar, passed or not, the
  // attempts used and when the next can start. ex: the assessment's texts (t), pass mark,
  // maximum attempts, waiting minutes and summary box; open: the right answers are shown;
  // again: starts a new attempt.
  function result(ex, r, done, open, again) {
    const { t, box } = ex;
    const line = (cls, text) => box.append(el("p", cls, text));
    box.replaceChildren();
    const right = Object.values(r.by).reduce((n, p) => n + p.right, 0);
    line("cc-score", fmt(t.score, { right, total: r.keys.length }));
    box.firstChild.tabIndex = -1;
    const ul = el("ul", "cc-pillar-scores");
    for (const p in t.pillars) if (r.by[p]) ul.append(el("li", null, fmt(t.pillar_score, { pillar: t.pillars[p], ...r.by[p] })));
    box.append(ul);
    line(`cc-verdict cc-verdict--${r.passed ? "pass" : "fail"}`, fmt(r.passed ? t.passed : t.failed, { percent: r.percent, pass_mark: ex.pass }));
    if (!open && Object.values(r.ok).includes(false)) line("cc-note", t.answers_later);
    line("cc-exam__attempts", fmt(ex.max ? t.attempts_used : t.attempts_done, { used: done.length, max: ex.max }));
    const at = ex.wait ? done[done.length - 1].at + ex.wait * 60000 : 0;
    if (ex.max && done.length >= ex.max) line("cc-exam__next", t.no_attempts_left);
    else if (at > Date.now()) {
      line("cc-exam__next", fmt(t.next_attempt_at, { time: new Date(at).toLocaleTimeString(document.documentElement.lang, { timeStyle: "short" }) }));
    } else box.append(cc.button(t.new_attempt, "md-button md-button--primary cc-retry", again));
  }

  // key: the decoded answer key of the attempt's questions; open: right answers shown
  cc.mod.review = (ex, r, key, done, open, again) => {
    for (const q of ex.qs) mark(q, key[q.key], r.a[q.key] || [], open);
    result(ex, r, done, open, again);
  };
})();
