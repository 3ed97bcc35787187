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
      o.querySelector(".cc-opt__verdict")?.remove();
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
      // fresh: just checked (not read back from the store): the explanation opens, once
      q.mark = (a, fresh) => {
        const g = cc.grade(q.type, a, correct(q), q.n);
        q.show(g.ok, g.partly, g.verdicts);
        q.li.querySelector(".cc-q__explain").open = fresh;
        q.btn.textContent = `✓ ${t.checked}`;
        q.btn.classList.remove("md-button--primary");
        q.btn.setAttribute("aria-disabled", "true");
        q.again.hidden = false;
      };
      addCheck(q, t, render);
      if (s && s.a.length && cc.fits(q.type, q.n, s.a)) { q.set(s.a); q.mark(s.a); }
    }
    function retry() { qs.forEach((q) => again(q, true)); render(); qs[0]?.li.querySelector("input, button")?.focus(); }
    function reset() {
      qs.forEach((q) => again(q, false));
      render();
      const note = el("p", "cc-note", t.reset_done);
      note.tabIndex = -1;
      summary.prepend(note);
      note.focus();
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
    q.btn.classList.add("md-button--primary");
    q.btn.removeAttribute("aria-disabled");
    q.again.hidden = true;
    if (anew && s) d.q[q.key] = { a: [], ok: false, n: s.n + 1 };
    else delete d.q[q.key];
    cc.write(d);
    q.tries = q.attempt(d.q[q.key]);
    cc.marks();
    cc.progressed();
  }

  // Check stays where it is, as "Checked" (a second tap does nothing); the verdict shows
  // above it, kept where the learner looks: the options grow with their verdicts and
  // feedback, so the page scrolls by as much, at once (no motion), and then as little as
  // it takes to bring the verdict out from under the header (quiz.css: scroll-margin).
  // "Try again" is below the explanation.
  function addCheck(q, t, render) {
    const bar = el("div", "cc-q__actions");
    q.btn = cc.button(t.check, "md-button md-button--primary cc-check", () => {
      if (q.done) return;
      const a = q.answer();
      if (!a.length) { q.result.textContent = t.pick_first; return; }
      const y = q.btn.getBoundingClientRect().top;
      q.mark(a, true);
      scrollBy(0, q.btn.getBoundingClientRect().top - y);
      q.result.scrollIntoView({ block: "nearest" });
      const d = cc.read();
      d.q[q.key] = { a, ok: q.ok, n: q.tries };
      cc.write(d);
      render();
      cc.marks();
      cc.progressed();
    });
    bar.append(q.btn);
    q.result.after(bar);
    q.again = cc.button(t.try_again, "md-button cc-again", () => {
      again(q, true);
      render();
      q.li.querySelector("input, .cc-move:not(:disabled)")?.focus();
    });
    q.again.hidden = true;
    q.li.append(q.again);
  }

  // Retry the quiz, and away from it "Clear my answers to this quiz", which asks first
  function summarise(summary, t, qs, retry, reset) {
    summary.replaceChildren();
    const done = qs.filter((q) => q.done).length;
    if (!done) return;
    scores(summary, t, qs);
    if (done < qs.length) summary.append(el("p", "cc-progress", fmt(t.progress, { done, total: qs.length })));
    const ask = el("details", "warning cc-reset");
    ask.append(el("summary", null, t.reset), el("p", null, t.reset_confirm),
      cc.button(t.reset_yes, "md-button cc-reset__yes", reset),
      cc.button(t.reset_no, "md-button cc-reset__no", () => { ask.open = false; ask.firstChild.focus(); }));
    summary.append(cc.button(t.retry_quiz, "md-button cc-retry", retry), ask);
  }

  // the styles of what only practice quizzes have: the explanation shows once checked,
  // "Checked" (where Check was) takes no tap, "Clear my answers" sits apart; and the end
  // of a scenario page: "Scenario N of M", the previous and the next
  cc.style(".md-typeset .cc-js .cc-q:not(.cc-q--done)>.cc-q__explain{display:none}.md-typeset .cc-check[aria-disabled]{pointer-events:none}.md-typeset .cc-reset{margin-top:2em}.md-typeset .cc-next{display:flex;flex-wrap:wrap;gap:.6em 1em;margin-top:2.5em;padding-top:.8em;border-top:2px solid var(--md-default-fg-color--lightest)}.md-typeset .cc-next__where{flex-basis:100%;margin:0;font-weight:700}.md-typeset .cc-next__next{margin-left:auto;text-align:right}.md-typeset .cc-next__label{display:block;font-size:.8em}");
  // What is done (scenarios, and pillars whose every question is answered) and what was
  // just done on this page: progress.js (loaded then) says so (cc.mod.cheer).
  const doneNow = (m, d) => [...m.scenarios.filter((s) => cc.status(s, d).done).map((s) => s.id),
    ...Object.keys(m.pillars).filter((p) => m.scenarios.every((s) => s.questions.every((q) => q.pillar !== p || cc.answered(d, q))))];
  let before = null;
  cc.progressed = async () => {
    const m = await cc.manifest();
    if (!m) return;
    const now = doneNow(m, cc.read());
    const fresh = before ? now.filter((k) => !before.includes(k)) : [];
    before = now;
    if (!fresh.length) return;
    const all = fresh.some((k) => !cc.own(m.pillars, k)) && m.scenarios.every((s) => now.includes(s.id));
    cc.load(["progress"]).then(() => cc.mod.cheer(m, fresh, all), () => {});
  };

  cc.mod.quiz = () => {
    before = null;
    cc.progressed();
    document.querySelectorAll('.cc-quiz[data-cc-mode="practice"]:not([data-cc-ready])').forEach(practice);
  };
})();
