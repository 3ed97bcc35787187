/* carecourse quiz runtime: makes the server-rendered quiz HTML interactive.
   No framework. Works with Material's instant navigation (document$). Progress
   lives in localStorage under "carecourse", keyed by question id, so it is
   shared by every page and every language that shows the same question. */
(() => {
  "use strict";
  const KEY = "carecourse";
  const VERSION = 1;
  const fmt = (s, o) => String(s).replace(/\{(\w+)\}/g, (m, k) => (k in o ? o[k] : m));
  const isObj = (v) => v && typeof v === "object" && !Array.isArray(v);
  const ints = (a, n) => Array.isArray(a) && a.every((i) => Number.isInteger(i) && i >= 0 && i < n)
    && new Set(a).size === a.length;

  /* ---- TEMPORARY LMS hook (lms helper, issue 11), until the exam area's store lands: the
     LMS shell's carecourseLms (CONTRACTS section 3) is the source of truth when present;
     today's v1 state is bridged to the contract's v2 shape. ---- */
  let lms = null;
  try { for (let w = window; w !== w.parent && !lms; w = w.parent) lms = w.parent.carecourseLms; }
  catch (e) { /* a frame of another origin: no LMS shell above */ }
  const toV2 = (d, m = d.x.assessment) => ({ v: 2, q: d.q, r: d.r, last: d.last,
    x: !isObj(m) ? { done: [] } : m.submitted ? { done: [{ ...m, keys: Object.keys(m.a) }] }
      : { cur: { keys: Object.keys(m.a || {}), a: m.a || {}, at: 0 }, done: [] } });
  const fromV2 = (s, x = s.x || {}) => ({ v: VERSION, q: s.q, r: s.r || {}, last: s.last,
    x: { assessment: (x.done || []).length ? { ...x.done[x.done.length - 1], submitted: true } : x.cur } });
  /* ---- end of the temporary LMS hook ---- */
  function read() {
    try {
      const d = lms ? fromV2(lms.load() || {}) : JSON.parse(localStorage.getItem(KEY));
      if (isObj(d) && d.v === VERSION && isObj(d.q) && isObj(d.x)) {
        if (!isObj(d.r)) d.r = {};
        return d;
      }
    } catch (e) { /* corrupt: start afresh */ }
    return { v: VERSION, q: {}, x: {}, r: {} };
  }
  function write(d) {
    try { localStorage.setItem(KEY, JSON.stringify(d)); } catch (e) { /* private mode, full */ }
    if (lms) lms.save(toV2(d)); // temporary LMS hook
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  // shared with practice.js (role-plays, progress); marks() updates the navigation
  // a stored answer a question of this type and size could really have been given
  const valid = (type, n, a) => ints(a, n) && (type === "ordering" ? a.length === n || !a.length
    : type !== "single" || a.length <= 1);
  // the site's root, resolved once: Material's instant navigation changes the
  // address but not the relative base in its config
  let root;
  try { root = new URL(JSON.parse(document.getElementById("__config").textContent).base + "/", location.href); }
  catch (e) { root = new URL("./", location.href); }
  const cc = (window.carecourse = { read, write, fmt, el, isObj, valid, root, marks: () => {} });

  function setup(quiz) {
    quiz.dataset.ccReady = "1";
    let t;
    try { t = JSON.parse(quiz.dataset.ccI18n); } catch (e) { return; }
    const exam = quiz.dataset.ccMode === "exam";
    const id = quiz.dataset.ccQuiz;
    const pass = Number(quiz.dataset.ccPass || 0);
    const qs = [...quiz.querySelectorAll(".cc-q")].map((li) => question(li));
    const summary = quiz.querySelector(".cc-quiz__summary");
    quiz.classList.add("cc-js");

    function question(li) {
      const type = li.dataset.ccType;
      const list = li.querySelector(".cc-q__options");
      const opts = () => [...list.children];
      const n = opts().length;
      const result = li.querySelector(".cc-q__result");
      const q = { li, key: li.dataset.ccQ, pillar: li.dataset.ccPillar, type, n, done: false, ok: false };
      q.answer = () => type === "ordering"
        ? opts().map((o) => Number(o.dataset.ccIndex))
        : [...list.querySelectorAll("input:checked")].map((i) => Number(i.value));
      q.set = (a) => {
        if (type === "ordering") {
          a.forEach((i) => list.appendChild(list.querySelector(`[data-cc-index="${i}"]`)));
          renumber();
        } else {
          list.querySelectorAll("input").forEach((i) => { i.checked = a.includes(Number(i.value)); });
        }
      };
      // a stored answer this question could really have been given
      q.valid = (a) => valid(type, n, a);
      q.grade = (a) => (type === "ordering"
        ? a.every((v, i) => v === i)
        : opts().every((o) => (o.dataset.ccCorrect === "true") === a.includes(Number(o.dataset.ccIndex))));
      q.show = (a) => {
        q.done = true;
        q.ok = q.grade(a);
        li.classList.add("cc-q--done", q.ok ? "cc-q--right" : "cc-q--wrong");
        opts().forEach((o, pos) => {
          const i = Number(o.dataset.ccIndex);
          const chosen = type === "ordering" || a.includes(i);
          const right = type === "ordering" ? i === pos : o.dataset.ccCorrect === "true";
          const fb = o.querySelector(".cc-opt__feedback");
          if (chosen || right) {
            fb.hidden = false;
            o.dataset.ccVerdict = type === "ordering" ? (right ? "right" : "wrong")
              : right ? (chosen ? "right" : "missed") : "wrong";
          }
        });
        lock(true);
        const hits = type === "ordering" ? a.filter((v, i) => v === i).length
          : a.filter((i) => list.querySelector(`[data-cc-index="${i}"]`).dataset.ccCorrect === "true").length;
        result.textContent = q.ok ? t.right : hits && type !== "single" ? t.partly : t.wrong;
        li.querySelector(".cc-q__explain").open = true;
        if (q.btn) q.btn.textContent = t.try_again;
      };
      q.clear = () => {
        q.done = false;
        li.classList.remove("cc-q--done", "cc-q--right", "cc-q--wrong");
        opts().forEach((o) => { delete o.dataset.ccVerdict; o.querySelector(".cc-opt__feedback").hidden = true; });
        if (type === "ordering") {
          // back to the order the page was built with
          [...opts()].sort((x, y) => x.dataset.ccShown - y.dataset.ccShown).forEach((o) => list.appendChild(o));
          renumber();
        } else {
          list.querySelectorAll("input").forEach((i) => { i.checked = false; });
        }
        lock(false);
        result.textContent = "";
        li.querySelector(".cc-q__explain").open = false;
        if (q.btn) q.btn.textContent = t.check;
      };
      function lock(on) {
        list.querySelectorAll("input, button").forEach((b) => { b.disabled = on; });
      }
      function renumber() {
        opts().forEach((o, i) => {
          const [up, down] = o.querySelectorAll(".cc-move");
          const label = o.querySelector(".cc-opt__text").textContent.trim();
          o.querySelector(".cc-pos").textContent = fmt(t.step, { pos: i + 1 });
          up.setAttribute("aria-label", `${t.move_up}: ${label}`);
          down.setAttribute("aria-label", `${t.move_down}: ${label}`);
          up.disabled = q.done || i === 0;
          down.disabled = q.done || i === n - 1;
        });
      }
      if (type === "ordering") {
        opts().forEach((o, i) => {
          o.dataset.ccShown = i;
          const box = el("span", "cc-moves");
          for (const [cls, sym, d] of [["up", "↑", -1], ["down", "↓", 1]]) {
            const b = el("button", `cc-move cc-move--${cls}`, sym);
            b.type = "button";
            b.addEventListener("click", () => {
              const items = opts();
              const from = items.indexOf(o);
              const to = from + d;
              if (to < 0 || to >= n) return;
              list.insertBefore(o, d < 0 ? items[to] : items[to].nextSibling);
              renumber();
              const again = o.querySelector(`.cc-move--${cls}`);
              (again.disabled ? o.querySelector(".cc-move:not(:disabled)") : again)?.focus();
              result.textContent = fmt(t.moved, { pos: to + 1, total: n });
              if (exam) saveExam();
            });
            box.appendChild(b);
          }
          o.querySelector(".cc-opt__label").prepend(el("span", "cc-pos"));
          o.appendChild(box);
        });
        renumber();
      } else if (exam) {
        list.addEventListener("change", () => saveExam());
      }
      if (!exam) {
        const bar = el("div", "cc-q__actions");
        q.btn = el("button", "md-button md-button--primary cc-check", t.check);
        q.btn.type = "button";
        q.btn.addEventListener("click", () => {
          const d = read();
          if (q.done) {
            q.clear();
            delete d.q[q.key];
          } else {
            const a = q.answer();
            if (!a.length) { result.textContent = t.pick_first; return; }
            q.show(a);
            d.q[q.key] = { a, ok: q.ok };
          }
          write(d);
          render();
          cc.marks();
        });
        bar.appendChild(q.btn);
        li.querySelector("fieldset").after(bar);
      }
      return q;
    }

    function saveExam() {
      const d = read();
      const mine = isObj(d.x[id]) ? d.x[id] : {};
      mine.a = Object.fromEntries(qs.map((q) => [q.key, q.answer()]));
      d.x[id] = mine;
      write(d);
    }

    function scores() {
      const by = {};
      let right = 0;
      let done = 0;
      for (const q of qs) {
        const p = (by[q.pillar] ||= { right: 0, total: 0 });
        p.total += 1;
        if (q.done) done += 1;
        if (q.done && q.ok) { right += 1; p.right += 1; }
      }
      return { by, right, done, total: qs.length };
    }

    function render() {
      const s = scores();
      summary.replaceChildren();
      const shown = exam ? quiz.dataset.ccSubmitted === "1" : s.done > 0;
      if (shown) {
        const head = el("p", "cc-score", fmt(t.score, s));
        summary.appendChild(head);
        const ul = el("ul", "cc-pillar-scores");
        for (const [p, v] of Object.entries(s.by)) {
          ul.appendChild(el("li", `cc-score--${p}`, fmt(t.pillar_score, { pillar: t.pillars[p] || p, ...v })));
        }
        summary.appendChild(ul);
        if (exam) {
          const percent = Math.round((100 * s.right) / s.total);
          const ok = percent >= pass;
          summary.appendChild(el("p", `cc-verdict cc-verdict--${ok ? "pass" : "fail"}`,
            fmt(ok ? t.passed : t.failed, { percent, pass_mark: pass })));
          quiz.dataset.ccPassed = ok ? "1" : "0";
          certificate(ok, percent, s.by);
        } else if (s.done < s.total) {
          summary.appendChild(el("p", "cc-progress", fmt(t.progress, s)));
        }
      }
      const bar = el("div", "cc-quiz__actions");
      if (exam && !shown) {
        bar.appendChild(button(t.submit, "md-button md-button--primary cc-submit", submit));
      }
      if (shown) bar.appendChild(button(t.retry_quiz, "md-button cc-retry", retry));
      bar.appendChild(button(t.reset, "md-button cc-reset", reset));
      summary.appendChild(bar);
    }

    // once passed, the learner can print a certificate with their name on it
    const offer = quiz.parentElement.querySelector(".cc-cert-offer");
    function certificate(passed, percent, by) {
      if (!offer) return;
      offer.hidden = !passed;
      const cert = offer.querySelector(".cc-cert");
      const pct = (v) => fmt(cert.dataset.ccPercent, { value: v });
      offer.querySelector("form").onsubmit = (e) => {
        e.preventDefault();
        const name = offer.querySelector("input").value.trim();
        if (!name) return;
        const slot = (k) => cert.querySelector(`[data-cc-slot="${k}"]`);
        slot("name").textContent = name;
        slot("score").textContent = fmt(cert.dataset.ccScore, { score: pct(percent) });
        slot("date").textContent = new Date().toLocaleDateString(cert.lang, { year: "numeric", month: "long", day: "numeric" });
        slot("pillars").replaceChildren(...Object.keys(t.pillars).filter((p) => by[p]).map((p) =>
          el("li", null, `${t.pillars[p]}: ${pct(Math.round((100 * by[p].right) / by[p].total))}`)));
        cert.hidden = false;
        const copy = cert.cloneNode(true);
        copy.classList.add("cc-cert--print");
        document.body.append(copy);
        document.body.classList.add("cc-printing");
        const done = () => { copy.remove(); document.body.classList.remove("cc-printing"); };
        window.addEventListener("afterprint", done, { once: true });
        window.print();
      };
    }

    function button(label, cls, fn) {
      const b = el("button", cls, label);
      b.type = "button";
      b.addEventListener("click", fn);
      return b;
    }

    function submit() {
      const missing = qs.filter((q) => !q.answer().length).length;
      if (missing) {
        summary.querySelector(".cc-note")?.remove();
        summary.prepend(el("p", "cc-note", fmt(t.unanswered, { missing })));
        return;
      }
      const d = read();
      const a = Object.fromEntries(qs.map((q) => [q.key, q.answer()]));
      qs.forEach((q) => q.show(a[q.key]));
      quiz.dataset.ccSubmitted = "1";
      render();
      const s = scores();
      const percent = Math.round((100 * s.right) / s.total);
      d.x[id] = { a, submitted: true, percent, pass, passed: percent >= pass, at: Date.now(), // temporary LMS hook: passed, at, ok, by
        ok: Object.fromEntries(qs.map((q) => [q.key, q.ok])), by: s.by };
      write(d);
      summary.querySelector(".cc-score")?.setAttribute("tabindex", "-1");
      summary.querySelector(".cc-score")?.focus();
    }

    function retry() {
      const d = read();
      qs.forEach((q) => { q.clear(); if (!exam) delete d.q[q.key]; });
      if (exam) { delete d.x[id]; delete quiz.dataset.ccSubmitted; certificate(false); }
      write(d);
      render();
      qs[0]?.li.querySelector("input, button")?.focus();
    }

    function reset() {
      const d = read();
      qs.forEach((q) => { q.clear(); if (!exam) delete d.q[q.key]; });
      delete d.x[id];
      delete quiz.dataset.ccSubmitted;
      certificate(false);
      write(d);
      render();
      summary.prepend(el("p", "cc-note", t.reset_done));
    }

    // restore what this browser remembers
    const d = read();
    if (exam) {
      const mine = d.x[id];
      if (isObj(mine) && isObj(mine.a)) {
        qs.forEach((q) => { const a = mine.a[q.key]; if (q.valid(a)) q.set(a); });
        if (mine.submitted && qs.every((q) => q.valid(mine.a[q.key]) && mine.a[q.key].length)) {
          qs.forEach((q) => q.show(mine.a[q.key]));
          quiz.dataset.ccSubmitted = "1";
        }
      }
    } else {
      qs.forEach((q) => {
        const s = d.q[q.key];
        if (isObj(s) && q.valid(s.a) && s.a.length) {
          q.set(s.a);
          q.show(s.a);
        }
      });
    }
    render();
  }

  // The language selector leads to the page now shown, in the other language
  // (instant navigation does not redraw the header, so its links may be stale),
  // and Material must not reroute it through its sitemap lookup.
  document.addEventListener("click", (e) => {
    const a = e.target instanceof Element && e.target.closest("a.cc-lang");
    if (!a) return;
    e.stopPropagation();
    if (location.href.startsWith(root.href)) {
      a.href = new URL(`../${a.hreflang}/${location.href.slice(root.href.length)}`, root).href;
    }
  }, true);

  function init() {
    // Material's search dialog has no accessible name: give it the search field's
    const search = document.querySelector(".md-search[role=dialog]:not([aria-label])");
    search?.setAttribute("aria-label", search.querySelector("input")?.getAttribute("aria-label") || "Search");
    document.querySelectorAll(".cc-quiz:not([data-cc-ready])").forEach(setup);
    if (lms) lms.visit(location.href); // temporary LMS hook
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
