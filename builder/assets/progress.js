/* carecourse progress: the "My progress" page (mastery per pillar, what is left, reset)
   and the home page's course path and "continue" (both read course.json). */
(() => {
  "use strict";
  const cc = window.carecourse;
  const { el, fmt } = cc;

  const SCORE = { ideal: 1, acceptable: 0.5, poor: 0 };
  const SIGN = { todo: "○", doing: "◐", done: "✓" }; // a path step's state, not by colour alone

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
      const why = [st.left ? fmt(cc.plural(t.questions_left, st.left), { count: st.left }) : "", s.play && !st.ends.length ? t.play_left : ""];
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
      box.replaceChildren(el("h2", null, t.mastery), masteryList(m, d), examResult(m, d, box), el("h2", null, t.left));
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

  // the attempts at the final assessment that read as such (examstore.js checks the exam
  // part on the assessment page only: elsewhere it may be anything)
  const attempts = (d) => (Array.isArray(d.x.done) ? d.x.done : [])
    .filter((a) => a && typeof a.percent === "number");

  // The state of a step of the course's path: "todo" | "doing" | "done". The lesson counts
  // as read once it was opened from the home page or anything else was begun.
  function stepState(m, d, kind, key) {
    const x = attempts(d);
    if (kind === "exam") return x.some((a) => a.passed === true) ? "done" : x.length || d.x.cur ? "doing" : "todo";
    if (kind === "lesson") return d.l || d.last || Object.keys(d.q).length ? "done" : "todo";
    if (kind === "scenario") {
      const s = m.scenarios.find((c) => c.id === key);
      if (!s) return "todo";
      const st = cc.status(s, d);
      return st.done ? "done" : st.left < s.questions.length || st.ends.length ? "doing" : "todo";
    }
    const qs = m.scenarios.flatMap((s) => s.questions).filter((q) => q.pillar === key);
    const left = qs.filter((q) => !cc.answered(d, q)).length;
    return !left ? "done" : left < qs.length ? "doing" : "todo";
  }

  // The home page: each step's state, the bar, and the continue button: where the learner
  // left off, else the first step not done, or "Review" once every step is done.
  async function home(p) {
    p.dataset.ccReady = "1";
    const m = await cc.manifest();
    const path = document.querySelector("[data-cc-path]");
    if (!m || !path) { p.dataset.ccReady = ""; return; }
    const d = cc.read();
    const t = m.t;
    const steps = [...path.querySelectorAll("[data-cc-step]")];
    let next = null;
    for (const li of steps) {
      const state = stepState(m, d, li.dataset.ccStep, li.dataset.ccKey);
      li.dataset.ccState = state;
      li.querySelector(".cc-path__state").textContent = `${SIGN[state]} ${t[`state_${state}`]}`;
      if (state !== "done") next ||= li;
    }
    path.querySelector("progress").value = steps.filter((li) => li.dataset.ccState === "done").length;
    const last = m.scenarios.find((s) => s.id === d.last);
    const here = last && !cc.status(last, d).done && steps.find((li) => li.dataset.ccKey === last.id);
    const to = here || next || steps[0];
    const a = p.querySelector("a");
    a.href = to.querySelector("a").href;
    const title = to.querySelector("a").textContent;
    a.textContent = !next ? t.review : here ? fmt(t.continue, { title }) : fmt(to.dataset.ccStep === "lesson" ? t.start : t.next_step, { title });
    const lesson = steps.find((li) => li.dataset.ccStep === "lesson");
    if (lesson && !d.l) {
      const read = () => { const e = cc.read(); e.l = 1; cc.write(e); };
      [a, lesson.querySelector("a")].forEach((l) => l.addEventListener("click", () => l.href === lesson.querySelector("a").href && read()));
    }
  }

  // My progress: the best attempt at the final assessment, passed or not, and the way
  // to the certificate (printed from the assessment page)
  function examResult(m, d, box) {
    const x = attempts(d);
    const p = el("p", "cc-exam-result");
    if (!x.length) { p.textContent = m.t.exam_none; return p; }
    const best = x.reduce((b, a) => (a.percent > b.percent ? a : b));
    p.textContent = fmt(best.passed === true ? m.t.exam_best : m.t.exam_failed, { percent: best.percent, pass_mark: m.pass_mark });
    const link = box.dataset.ccExam;
    if (best.passed === true && link) {
      const a = el("a", "md-button", m.t.certificate);
      a.href = link;
      p.append(" ", a);
    }
    return p;
  }

  // A moment of completion: a scenario, a pillar's questions or the whole course just
  // done on this page (quiz.js and roleplay.js tell), said politely where the learner is
  cc.mod.cheer = (m, fresh, all) => {
    const t = m.t;
    const text = all ? t.finished_course : fresh.map((k) => {
      const s = m.scenarios.find((c) => c.id === k);
      return s ? fmt(t.finished_scenario, { title: s.title }) : fmt(t.finished_pillar, { title: m.pillars[k] });
    }).join(" ");
    const at = document.activeElement?.closest(".cc-q, .cc-play") || document.querySelector(".cc-quiz__summary");
    if (!at) return;
    const note = el("p", "admonition success cc-cheer");
    note.setAttribute("role", "status");
    at.querySelector(".cc-cheer")?.remove();
    const result = at.querySelector(".cc-q__result");
    if (result) result.after(note); else at.append(note);
    requestAnimationFrame(() => { // a live region, then its news, in the window
      note.textContent = text;
      note.scrollIntoView({ block: "nearest" });
    });
  };

  cc.mod.progress = () => {
    document.querySelectorAll("[data-cc-progress]:not([data-cc-ready='1'])").forEach(page);
    document.querySelectorAll("[data-cc-continue]:not([data-cc-ready='1'])").forEach(home);
  };
})();
