/* carecourse progress: the "My progress" page (mastery per pillar, what is left, reset),
   the home page's "continue where you left off" (both read course.json), and the result
   of an attempt at the final assessment. */
(() => {
  "use strict";
  const cc = window.carecourse;
  const { el, fmt } = cc;

  const SCORE = { ideal: 1, acceptable: 0.5, poor: 0 };

  // Mastery of a pillar: right answers, plus per role-play that shows the pillar the best
  // ending reached that shows it (ideal 1, acceptable 0.5).
  function mastery(m, d, p) {
    let right = 0;
    let total = 0;
    let played = 0;
    let plays = 0;
    let score = 0;
    for (const s of m.scenarios) {
      for (const q of s.questions) {
        if (q.pillar !== p) continue;
        total += 1;
        const e = d.q[q.key];
        if (e && e.ok && e.a.length && cc.fits(q.type, q.n, e.a)) right += 1;
      }
      const endings = Object.keys(s.endings).filter((id) => s.endings[id].includes(p));
      if (!endings.length) continue;
      played += 1;
      const { got } = cc.status(s, d);
      const mine = endings.filter((id) => got[id]);
      if (mine.length) { plays += 1; score += Math.max(...mine.map((id) => SCORE[got[id]])); }
    }
    const pct = total + played ? Math.round((100 * (right + score)) / (total + played)) : 0;
    return { pct, right, total, plays };
  }

  function masteryList(m, d) {
    const list = el("ul", "cc-mastery");
    for (const [p, name] of Object.entries(m.pillars)) {
      const v = mastery(m, d, p);
      const li = el("li", `cc-mastery__item cc-mastery--${p}`);
      const bar = el("progress");
      bar.max = 100;
      bar.value = v.pct;
      bar.setAttribute("aria-label", name);
      li.append(el("strong", null, `${name}: ${v.pct}%`), bar,
        el("span", "cc-mastery__detail", fmt(m.t.mastery_detail, v)));
      list.append(li);
    }
    return list;
  }

  function todoList(m, d) {
    const t = m.t;
    const ul = el("ul", "cc-todo");
    for (const s of m.scenarios) {
      const st = cc.status(s, d);
      if (st.done) continue;
      const a = el("a", null, s.title);
      a.href = cc.url(s.url);
      const why = [st.left ? fmt(t.questions_left, { count: st.left }) : "", s.play && !st.ends.length ? t.play_left : ""];
      const li = el("li");
      li.append(a, why.some(Boolean) ? ` — ${why.filter(Boolean).join(", ")}` : "");
      ul.append(li);
    }
    return ul;
  }

  async function page(box) {
    box.dataset.ccReady = "1";
    const m = await cc.manifest();
    if (!m) { box.dataset.ccReady = ""; return; } // tried again on the next page view
    const t = m.t;
    const render = () => {
      const d = cc.read();
      const todo = todoList(m, d);
      const done = m.scenarios.filter((s) => cc.status(s, d).done);
      box.replaceChildren(el("h2", null, t.mastery), masteryList(m, d), el("h2", null, t.left));
      if (todo.children.length) box.append(todo);
      else box.append(el("p", null, t.nothing_left));
      if (done.length) {
        const dl = el("ul", "cc-done-list");
        done.forEach((s) => dl.append(el("li", null, `✓ ${s.title}`)));
        box.append(el("h2", null, t.done), dl);
      }
      box.append(cc.button(t.reset_all, "md-button cc-reset-all", () => {
        cc.write({ ...cc.fresh(), seed: cc.read().seed });
        render();
        box.prepend(el("p", "cc-note", t.reset_all_done));
        cc.marks();
      }));
    };
    render();
  }

  async function resume(p) {
    p.dataset.ccReady = "1";
    const m = await cc.manifest();
    if (!m || !m.scenarios.length) { p.dataset.ccReady = ""; return; }
    const d = cc.read();
    const last = m.scenarios.find((x) => x.id === d.last);
    const s = last || m.scenarios[0];
    const a = el("a", "md-button md-button--primary", fmt(last ? m.t.continue : m.t.start, { title: s.title }));
    a.href = cc.url(s.url);
    p.replaceChildren(a);
    p.hidden = false;
  }

  // The result of an attempt at the final assessment, under its review on the assessment
  // page (exam.js loads this module after Submit): the score, per pillar, passed or not, the
  // attempts used and when the next can start. ex: the assessment's texts (t), pass mark,
  // maximum attempts, waiting minutes and summary box; open: the right answers are shown;
  // again: starts a new attempt.
  cc.mod.result = (ex, r, done, open, again) => {
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
  };

  cc.mod.progress = () => {
    document.querySelectorAll("[data-cc-progress]:not([data-cc-ready='1'])").forEach(page);
    document.querySelectorAll("[data-cc-continue]:not([data-cc-ready='1'])").forEach(resume);
  };
})();
