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
    cc.progressed?.(); // quiz.js: a moment of completion
  }

  // what the last choice led to, shown under the new step's heading: "What happened: …"
  function happened(t) {
    const then = el("p", "cc-play__then");
    then.append(el("strong", null, `${t.happened}: `), el("span"));
    return then;
  }
  // a choice's feedback, without its "What happens:" label
  function led(a) {
    const note = a.closest(".cc-choice")?.querySelector(".cc-choice__then")?.cloneNode(true);
    note?.querySelector(".cc-choice__then-label")?.remove();
    return note ? note.textContent.trim() : "";
  }

  function play(box) {
    box.dataset.ccReady = "1";
    let t;
    try { t = JSON.parse(box.dataset.ccI18n); } catch (e) { return; }
    const sid = box.dataset.ccPlay;
    const start = box.dataset.ccStart;
    const steps = new Map([...box.querySelectorAll(".cc-step")].map((s) => [s.dataset.ccNode, s]));
    const live = box.querySelector(".cc-play__live");
    const then = happened(t);
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

    function show(id, news, focus) {
      const step = steps.get(id);
      if (!step) return;
      steps.forEach((s) => s.classList.toggle("cc-step--current", s === step));
      const title = step.querySelector(".cc-step__title");
      then.lastChild.textContent = news || "";
      then.hidden = !news;
      title.after(then);
      step.append(bar);
      back.disabled = path.length < 2;
      const rating = step.dataset.ccRating;
      live.textContent = rating ? fmt(t.reached, { rating: t.rating[rating] }) : "";
      if (rating) remember(sid, id, rating);
      // the new heading at the top, under Material's header (roleplay.css: scroll-margin),
      // the news right below it
      if (focus) {
        title.focus({ preventScroll: true });
        title.scrollIntoView();
      }
    }
    box.addEventListener("click", (e) => {
      const a = e.target instanceof Element && e.target.closest("a[data-cc-goto]");
      if (!a || !box.contains(a)) return;
      cc.md.keep(e);
      path.push(a.dataset.ccGoto);
      show(a.dataset.ccGoto, led(a), true);
    });
    box.classList.add("cc-js");
    shuffle();
    show(start, "", false);
  }

  // the trainer's map: drawn when opened (maybe before this module came), by map.js
  // (loaded then, with Mermaid)
  function map(details) {
    details.dataset.ccReady = "1";
    const draw = () => details.open && cc.load(["map"]).then(() => cc.mod.map(details), () => {});
    details.addEventListener("toggle", draw);
    draw();
  }

  // A role-play above the window (the learner went on to the quiz before this module came)
  // shrinks to one step: what the learner reads stays where it was. This scrolls by what it
  // shrank; the browser's own scroll anchoring (not in every browser, and anchored maybe in
  // a hidden step) is off until the next frame.
  function keepPlace(box) {
    const next = box.nextElementSibling || box;
    const y = next.getBoundingClientRect().top;
    const above = box.getBoundingClientRect().top < 0;
    const html = document.documentElement.style;
    html.overflowAnchor = "none";
    play(box);
    if (above) scrollBy(0, next.getBoundingClientRect().top - y);
    requestAnimationFrame(() => requestAnimationFrame(() => { html.overflowAnchor = ""; }));
  }

  cc.mod.roleplay = () => {
    document.querySelectorAll(".cc-play:not([data-cc-ready])").forEach(keepPlace);
    document.querySelectorAll("details.cc-map-box:not([data-cc-ready])").forEach(map);
  };
})();
