/* carecourse practice quizzes (scenario and pillar pages): Check, Try again, scores.
   Answers are stored under each question's key, by option index, with the attempt
   counter n (a new attempt shows the options in a new order). */
(() => {
  "use strict";
  const cc = window.carecourse;
  const { el, fmt } = cc;
  const label = (o) => Number(o.dataset.ccIndex);

  // "3 of 5 correct" and a line per pillar
  function scores(box, t, qs) {
    const by = cc.map();
    let right = 0;
    for (const q of qs) {
      const p = (by[q.pillar] ||= { right: 0, total: 0 });
      p.total += 1;
      if (q.done && q.ok) { right += 1; p.right += 1; }
    }
    box.append(el("p", "cc-score", fmt(t.score, { right, total: qs.length })));
    const ul = el("ul", "cc-pillar-scores");
    for (const p of Object.keys(t.pillars)) {
      if (by[p]) ul.append(el("li", `cc-score--${p}`, fmt(t.pillar_score, { pillar: t.pillars[p], ...by[p] })));
    }
    box.append(ul);
  }

  // never start an ordering question solved, nor (with three or more steps) reversed
  const solved = (n) => (labels) => labels.every((v, i) => v === i)
    || (n > 2 && labels.every((v, i) => v === n - 1 - i));

  function clear(q) {
    q.done = false;
    q.li.classList.remove("cc-q--done", "cc-q--right", "cc-q--wrong");
    q.opts().forEach((o) => {
      delete o.dataset.ccVerdict;
      o.querySelector(".cc-opt__feedback").hidden = true;
    });
    if (q.type !== "ordering") q.list.querySelectorAll("input").forEach((i) => { i.checked = false; });
    q.lock(false);
    q.result.textContent = "";
  }

  function practice(quiz) {
    quiz.dataset.ccReady = "1";
    let t;
    try { t = JSON.parse(quiz.dataset.ccI18n); } catch (e) { return; }
    const summary = quiz.querySelector(".cc-quiz__summary");
    const qs = [...quiz.querySelectorAll(".cc-q")].map((li) => cc.question(li, t));
    const render = () => summarise(summary, t, qs, retry, reset);
    const correct = (q) => q.opts().filter((o) => o.dataset.ccCorrect === "true").map(label);
    const d = cc.read();
    for (const q of qs) {
      q.attempt = (s) => {
        const n = s ? s.n : 0;
        q.arrange(`${q.key}/${n}`, q.type === "ordering" ? solved(q.n) : () => false);
        return n;
      };
      const s = d.q[q.key];
      q.tries = q.attempt(s);
      q.mark = (a) => {
        const g = cc.grade(q.type, a, correct(q), q.n);
        q.show(g.ok, g.partly, g.verdicts);
        q.li.querySelector(".cc-q__explain").open = true;
        q.btn.textContent = t.try_again;
      };
      addCheck(q, t, render);
      if (s && s.a.length && cc.fits(q.type, q.n, s.a)) { q.set(s.a); q.mark(s.a); }
    }
    function retry() { qs.forEach((q) => again(q, true)); render(); qs[0]?.li.querySelector("input, button")?.focus(); }
    function reset() {
      qs.forEach((q) => again(q, false));
      render();
      summary.prepend(el("p", "cc-note", t.reset_done));
    }
    quiz.classList.add("cc-js");
    render();
  }

  // start a question again: a new attempt (shuffled anew), or forgotten (reset)
  function again(q, anew) {
    const d = cc.read();
    const s = d.q[q.key];
    clear(q);
    q.li.querySelector(".cc-q__explain").open = false;
    q.btn.textContent = q.t.check;
    if (anew && s) d.q[q.key] = { a: [], ok: false, n: s.n + 1 };
    else delete d.q[q.key];
    cc.write(d);
    q.tries = q.attempt(d.q[q.key]);
    cc.marks();
  }

  function addCheck(q, t, render) {
    const bar = el("div", "cc-q__actions");
    q.btn = cc.button(t.check, "md-button md-button--primary cc-check", () => {
      if (q.done) { again(q, true); render(); return; }
      const a = q.answer();
      if (!a.length) { q.result.textContent = t.pick_first; return; }
      q.mark(a);
      const d = cc.read();
      d.q[q.key] = { a, ok: q.ok, n: q.tries };
      cc.write(d);
      render();
      cc.marks();
    });
    bar.append(q.btn);
    q.li.querySelector("fieldset").after(bar);
  }

  function summarise(summary, t, qs, retry, reset) {
    summary.replaceChildren();
    const done = qs.filter((q) => q.done).length;
    if (done) {
      scores(summary, t, qs);
      if (done < qs.length) summary.append(el("p", "cc-progress", fmt(t.progress, { done, total: qs.length })));
    }
    const bar = el("div", "cc-quiz__actions");
    if (done) bar.append(cc.button(t.retry_quiz, "md-button cc-retry", retry));
    bar.append(cc.button(t.reset, "md-button cc-reset", reset));
    summary.append(bar);
  }

  cc.mod.quiz = () => document.querySelectorAll('.cc-quiz[data-cc-mode="practice"]:not([data-cc-ready])').forEach(practice);
})();
