/* carecourse practice runtime: role-plays, course progress, the trainer's map.
   Uses the store from quiz.js (window.carecourse). Works with instant navigation. */
(() => {
  "use strict";
  const cc = window.carecourse;
  if (!cc) return;
  const { read, write, fmt, el, isObj, valid } = cc;
  const SCORE = { ideal: 1, acceptable: 0.5, poor: 0 };
  const base = () => cc.root;

  /* ---- role-plays ---- */
  function play(box) {
    box.dataset.ccReady = "1";
    let t;
    try { t = JSON.parse(box.dataset.ccI18n); } catch (e) { return; }
    const sid = box.dataset.ccPlay;
    const start = box.dataset.ccStart;
    const steps = new Map([...box.querySelectorAll(".cc-step")].map((s) => [s.dataset.ccNode, s]));
    const live = box.querySelector(".cc-play__live");
    const then = el("p", "cc-play__then");
    const bar = el("div", "cc-play__bar");
    const back = el("button", "md-button cc-back", t.back);
    const restart = el("button", "md-button cc-restart", t.restart);
    back.type = restart.type = "button";
    bar.append(back, restart);
    let path = [start];
    box.classList.add("cc-js");

    function show(id, said, focus) {
      const step = steps.get(id);
      if (!step) return;
      steps.forEach((s) => s.classList.toggle("cc-step--current", s === step));
      then.textContent = said || "";
      then.hidden = !said;
      step.prepend(then);
      step.append(bar);
      back.disabled = path.length < 2;
      const rating = step.dataset.ccRating;
      if (rating) {
        const d = read();
        const mine = isObj(d.r[sid]) ? d.r[sid] : { e: {} };
        if (!isObj(mine.e)) mine.e = {};
        mine.e[id] = rating;
        d.r[sid] = mine;
        write(d);
        live.textContent = fmt(t.reached, { rating: t.rating[rating] });
        cc.marks();
      } else live.textContent = "";
      if (focus) step.querySelector(".cc-step__title").focus();
    }
    box.addEventListener("click", (e) => {
      const a = e.target instanceof Element && e.target.closest("a[data-cc-goto]");
      if (!a || !box.contains(a)) return;
      e.preventDefault();
      e.stopPropagation(); // or instant navigation reloads the page at the anchor
      const note = a.closest(".cc-choice")?.querySelector(".cc-choice__then")?.cloneNode(true);
      note?.querySelector(".cc-choice__then-label")?.remove();
      path.push(a.dataset.ccGoto);
      show(a.dataset.ccGoto, note ? note.textContent.trim() : "", true);
    });
    back.addEventListener("click", () => {
      if (path.length > 1) path.pop();
      show(path[path.length - 1], "", true);
    });
    restart.addEventListener("click", () => { path = [start]; show(start, "", true); });
    show(start, "", false);
  }

  /* ---- the trainer's map, drawn with the Mermaid shipped in the site ---- */
  let mermaidLoad;
  function map(details) {
    details.dataset.ccReady = "1";
    details.addEventListener("toggle", async () => {
      const pre = details.querySelector("pre.cc-map");
      if (!details.open || !pre) return;
      mermaidLoad ||= new Promise((ok, fail) => {
        const s = el("script");
        s.src = new URL("assets/carecourse/vendor/mermaid.tiny.js", base()).href;
        s.onload = ok;
        s.onerror = fail;
        document.head.append(s);
      }).then(() => window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "neutral" }));
      try {
        await mermaidLoad;
        const { svg } = await window.mermaid.render(`cc-map-${Math.random().toString(36).slice(2)}`, pre.textContent);
        const fig = el("div", "cc-map-svg");
        fig.innerHTML = svg;
        fig.setAttribute("role", "img");
        fig.setAttribute("aria-label", details.querySelector("summary").textContent);
        pre.replaceWith(fig);
      } catch (e) { /* the text of the map stays readable */ }
    });
  }

  /* ---- course progress ---- */
  let course;
  function manifest() {
    course ||= fetch(new URL("assets/carecourse/course.json", base())).then((r) => r.json()).catch(() => null);
    return course;
  }
  // an answer counts only if the quiz itself would accept it
  const answered = (q, d) => isObj(d.q[q.key]) && valid(q.type, q.n, d.q[q.key].a) && d.q[q.key].a.length > 0;
  function status(s, d) {
    const left = s.questions.filter((q) => !answered(q, d)).length;
    const ends = isObj(d.r[s.id]) && isObj(d.r[s.id].e) ? Object.values(d.r[s.id].e).filter((r) => r in SCORE) : [];
    return { left, ends, done: !left && (!s.play || ends.length > 0) };
  }
  cc.marks = async () => {
    const m = await manifest();
    if (!m) return;
    const d = read();
    const root = base();
    for (const s of m.scenarios) {
      const url = new URL(s.url, root).href;
      const done = status(s, d).done;
      document.querySelectorAll("a.md-nav__link").forEach((a) => {
        if (a.href !== url) return;
        let mark = a.querySelector(".cc-done");
        if (done && !mark) {
          mark = el("span", "cc-done", "✓");
          mark.title = m.t.completed_mark;
          mark.append(el("span", "cc-sr", ` (${m.t.completed_mark})`));
          a.append(mark);
        } else if (!done && mark) mark.remove();
      });
    }
  };

  async function progressPage(box) {
    box.dataset.ccReady = "1";
    const m = await manifest();
    if (!m) return;
    const t = m.t;
    const render = () => {
      const d = read();
      box.replaceChildren();
      box.append(el("h2", null, t.mastery));
      const list = el("ul", "cc-mastery");
      for (const [p, name] of Object.entries(m.pillars)) {
        let right = 0, total = 0, plays = 0, score = 0, playTotal = 0;
        for (const s of m.scenarios) {
          for (const q of s.questions) if (q.pillar === p) { total += 1; if (answered(q, d) && d.q[q.key].ok === true) right += 1; }
          if (s.playPillars.includes(p)) {
            // the best ending reached that shows this pillar
            playTotal += 1;
            const got = isObj(d.r[s.id]) && isObj(d.r[s.id].e) ? d.r[s.id].e : {};
            const mine = Object.keys(got).filter((id) => (s.endings[id] || []).includes(p));
            if (mine.length) { plays += 1; score += Math.max(...mine.map((id) => SCORE[got[id]] || 0)); }
          }
        }
        const pct = total + playTotal ? Math.round((100 * (right + score)) / (total + playTotal)) : 0;
        const li = el("li", `cc-mastery__item cc-mastery--${p}`);
        li.append(el("strong", null, `${name}: ${pct}%`));
        const bar = el("progress");
        bar.max = 100;
        bar.value = pct;
        bar.setAttribute("aria-label", name);
        li.append(bar, el("span", "cc-mastery__detail", fmt(t.mastery_detail, { right, total, plays })));
        list.append(li);
      }
      box.append(list);
      const todo = m.scenarios.filter((s) => !status(s, d).done);
      box.append(el("h2", null, t.left));
      if (!todo.length) box.append(el("p", null, t.nothing_left));
      const ul = el("ul", "cc-todo");
      for (const s of todo) {
        const st = status(s, d);
        const li = el("li");
        const a = el("a", null, s.title);
        a.href = new URL(s.url, base()).href;
        const why = [st.left ? fmt(t.questions_left, { count: st.left }) : "", s.play && !st.ends.length ? t.play_left : ""].filter(Boolean).join(", ");
        li.append(a, why ? ` — ${why}` : "");
        ul.append(li);
      }
      if (todo.length) box.append(ul);
      const done = m.scenarios.filter((s) => status(s, d).done);
      if (done.length) {
        box.append(el("h2", null, t.done));
        const dl = el("ul", "cc-done-list");
        done.forEach((s) => dl.append(el("li", null, `✓ ${s.title}`)));
        box.append(dl);
      }
      const reset = el("button", "md-button cc-reset-all", t.reset_all);
      reset.type = "button";
      reset.addEventListener("click", () => {
        write({ v: 1, q: {}, x: {}, r: {} });
        render();
        box.prepend(el("p", "cc-note", t.reset_all_done));
        cc.marks();
      });
      box.append(reset);
    };
    render();
  }

  async function continueLink(p) {
    p.dataset.ccReady = "1";
    const m = await manifest();
    if (!m || !m.scenarios.length) return;
    const d = read();
    const s = m.scenarios.find((x) => x.id === d.last) || m.scenarios[0];
    const a = el("a", "md-button md-button--primary", fmt(d.last && s.id === d.last ? m.t.continue : m.t.start, { title: s.title }));
    a.href = new URL(s.url, base()).href;
    p.replaceChildren(a);
    p.hidden = false;
  }

  function init() {
    document.querySelectorAll(".cc-play:not([data-cc-ready])").forEach(play);
    document.querySelectorAll("details.cc-map-box:not([data-cc-ready])").forEach(map);
    document.querySelectorAll("[data-cc-progress]:not([data-cc-ready])").forEach(progressPage);
    document.querySelectorAll("[data-cc-continue]:not([data-cc-ready])").forEach(continueLink);
    const here = document.querySelector("[data-cc-scenario]");
    if (here) { const d = read(); d.last = here.dataset.ccScenario; write(d); }
    cc.marks();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
