/* carecourse progress: the "My progress" page (mastery per pillar, what is left, reset)
   and the home page's "continue where you left off". Reads course.json. */
(() => {
  "use strict";
  const cc = window.carecourse;
  const { el, fmt } = cc;

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
      if (mine.length) { plays += 1; score += Math.max(...mine.map((id) => cc.score(got[id]))); }
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

  cc.mod.progress = () => {
    document.querySelectorAll("[data-cc-progress]:not([data-cc-ready='1'])").forEach(page);
    document.querySelectorAll("[data-cc-continue]:not([data-cc-ready='1'])").forEach(resume);
  };
})();
