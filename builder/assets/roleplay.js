/* carecourse role-plays: one step at a time, with Back and Start again; the choices of
   each step in this learner's order (a new order after Start again); endings reached are
   stored. The trainer's map is drawn by map.js, loaded when it is opened. */
(() => {
  "use strict";
  const cc = window.carecourse;
  const { el, fmt } = cc;

  function remember(sid, id, rating) {
    const d = cc.read();
    const mine = d.r[sid] || (d.r[sid] = { e: cc.map() });
    if (mine.e[id] === rating) return;
    mine.e[id] = rating;
    cc.write(d);
    cc.marks();
  }

  function play(box) {
    box.dataset.ccReady = "1";
    let t;
    try { t = JSON.parse(box.dataset.ccI18n); } catch (e) { return; }
    const sid = box.dataset.ccPlay;
    const start = box.dataset.ccStart;
    const steps = new Map([...box.querySelectorAll(".cc-step")].map((s) => [s.dataset.ccNode, s]));
    const live = box.querySelector(".cc-play__live");
    const then = el("p", "cc-play__then");
    const back = cc.button(t.back, "md-button cc-back", () => {
      if (path.length > 1) path.pop();
      show(path[path.length - 1], "", true);
    });
    const bar = el("div", "cc-play__bar");
    let path = [start];
    let round = 0;
    const shuffle = () => steps.forEach((step, id) => {
      const list = step.querySelector(".cc-choices");
      if (list) cc.shuffle([...list.children], `${sid}/${id}/${round}`).forEach((c) => list.append(c));
    });
    bar.append(back, cc.button(t.restart, "md-button cc-restart", () => {
      path = [start];
      round += 1;
      shuffle();
      show(start, "", true);
    }));

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
      live.textContent = rating ? fmt(t.reached, { rating: t.rating[rating] }) : "";
      if (rating) remember(sid, id, rating);
      if (focus) step.querySelector(".cc-step__title").focus();
    }
    box.addEventListener("click", (e) => {
      const a = e.target instanceof Element && e.target.closest("a[data-cc-goto]");
      if (!a || !box.contains(a)) return;
      cc.md.keep(e);
      const note = a.closest(".cc-choice")?.querySelector(".cc-choice__then")?.cloneNode(true);
      note?.querySelector(".cc-choice__then-label")?.remove();
      path.push(a.dataset.ccGoto);
      show(a.dataset.ccGoto, note ? note.textContent.trim() : "", true);
    });
    box.classList.add("cc-js");
    shuffle();
    show(start, "", false);
  }

  // the trainer's map: drawn when opened, by map.js (loaded then, with Mermaid)
  function map(details) {
    details.dataset.ccReady = "1";
    details.addEventListener("toggle", () => {
      if (details.open) cc.load(["map"]).then(() => cc.mod.map(details), () => {});
    });
  }

  cc.mod.roleplay = () => {
    document.querySelectorAll(".cc-play:not([data-cc-ready])").forEach(play);
    document.querySelectorAll("details.cc-map-box:not([data-cc-ready])").forEach(map);
  };
})();
