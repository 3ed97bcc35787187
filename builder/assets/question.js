/* carecourse questions: the widgets of the practice quizzes (quiz.js) and the final
   assessment (exam.js). Options are shown in this learner's order for an attempt;
   answers are option labels (data-cc-index). */
(() => {
  "use strict";
  const cc = window.carecourse;
  const { el, fmt } = cc;
  const label = (o) => Number(o.dataset.ccIndex);

  // Put the options in the learner's order for key, whatever the order now: pinned options
  // (data-cc-fixed="<pos>") stay at their place; avoid(labels) rejects an order (e.g. a
  // solved ordering question).
  function arrange(list, key, avoid) {
    const opts = [...list.children].sort((a, b) => label(a) - label(b));
    const pinned = (o) => o.hasAttribute("data-cc-fixed");
    const at = new Map(opts.filter(pinned).map((o) => [Number(o.dataset.ccFixed), o]));
    let order = opts;
    for (let k = 0; k < 16; k++) {
      const moved = cc.shuffle(opts.filter((o) => !pinned(o)), `${key}#${k}`);
      order = opts.map((o, pos) => at.get(pos) || moved.shift());
      if (!avoid(order.map(label))) break;
    }
    list.append(...order);
  }

  function renumber(q, t) {
    [...q.list.children].forEach((o, i) => {
      const [up, down] = o.querySelectorAll(".cc-move");
      const text = o.querySelector(".cc-opt__text").textContent.trim();
      o.querySelector(".cc-pos").textContent = fmt(t.step, { pos: i + 1 });
      up.setAttribute("aria-label", `${t.move_up}: ${text}`);
      down.setAttribute("aria-label", `${t.move_down}: ${text}`);
      up.disabled = q.done || i === 0;
      down.disabled = q.done || i === q.n - 1;
    });
  }

  // ↑ and ↓ buttons on each step; the focus stays with the step that moved
  function movable(q, t, moved) {
    for (const o of q.list.children) {
      const box = el("span", "cc-moves");
      for (const [cls, sym, d] of [["up", "↑", -1], ["down", "↓", 1]]) {
        const b = el("button", `cc-move cc-move--${cls}`, sym);
        b.type = "button";
        b.addEventListener("click", () => {
          const items = [...q.list.children];
          const to = items.indexOf(o) + d;
          if (to < 0 || to >= q.n) return;
          q.list.insertBefore(o, d < 0 ? items[to] : items[to].nextSibling);
          renumber(q, t);
          const again = o.querySelector(`.cc-move--${cls}`);
          (again.disabled ? o.querySelector(".cc-move:not(:disabled)") : again)?.focus();
          q.result.textContent = fmt(t.moved, { pos: to + 1, total: q.n });
          moved?.();
        });
        box.append(b);
      }
      o.querySelector(".cc-opt__label").prepend(el("span", "cc-pos"));
      o.append(box);
    }
  }

  // One question: read and set an answer (option labels), show the verdicts.
  cc.question = (li, t, moved) => {
    const list = li.querySelector(".cc-q__options");
    const q = { li, list, t, key: li.dataset.ccQ, pillar: li.dataset.ccPillar, type: li.dataset.ccType,
      n: list.children.length, result: li.querySelector(".cc-q__result"), done: false, ok: false };
    const ordering = q.type === "ordering";
    const opt = (i) => list.querySelector(`[data-cc-index="${i}"]`);
    q.opts = () => [...list.children];
    q.answer = () => (ordering ? q.opts().map(label)
      : [...list.querySelectorAll("input:checked")].map((i) => Number(i.value)));
    q.set = (a) => {
      if (ordering) a.forEach((i) => list.append(opt(i)));
      else list.querySelectorAll("input").forEach((i) => { i.checked = a.includes(Number(i.value)); });
    };
    q.arrange = (key, avoid) => { arrange(list, key, avoid); if (ordering) renumber(q, t); };
    q.lock = (on) => {
      list.querySelectorAll("input, button").forEach((b) => { b.disabled = on; });
      if (ordering) renumber(q, t);
    };
    // verdicts: label -> "right" | "wrong" | "missed", each said in words under the option
    // ("Your choice — not right"); feedback shows where there is one
    const said = { right: ordering ? t.v_placed : t.v_right, wrong: ordering ? t.v_misplaced : t.v_wrong,
      missed: q.type === "single" ? t.v_answer : t.v_missed };
    q.show = (ok, partly, verdicts) => {
      Object.assign(q, { done: true, ok });
      li.classList.add("cc-q--done", ok ? "cc-q--right" : "cc-q--wrong");
      for (const [i, v] of verdicts) {
        const o = opt(i);
        o.dataset.ccVerdict = v;
        o.querySelector(".cc-opt__label").after(el("strong", "cc-opt__verdict", said[v]));
        const fb = o.querySelector(".cc-opt__feedback");
        if (fb) fb.hidden = false;
      }
      q.lock(true);
      q.result.textContent = ok ? t.right : partly ? t.partly : t.wrong;
    };
    if (ordering) movable(q, t, moved);
    return q;
  };

  // The verdicts for answer a (option indexes; for ordering, in the order given).
  cc.grade = (type, a, correct, n) => {
    const verdicts = new Map();
    if (type === "ordering") {
      a.forEach((i, pos) => verdicts.set(i, i === pos ? "right" : "wrong"));
      const hits = a.filter((i, pos) => i === pos).length;
      return { ok: hits === n, partly: hits > 0, verdicts };
    }
    for (let i = 0; i < n; i++) {
      const right = correct.includes(i);
      const chosen = a.includes(i);
      if (right || chosen) verdicts.set(i, right ? (chosen ? "right" : "missed") : "wrong");
    }
    const hits = a.filter((i) => correct.includes(i)).length;
    const ok = hits === correct.length && hits === a.length;
    return { ok, partly: type !== "single" && hits > 0, verdicts };
  };
})();
