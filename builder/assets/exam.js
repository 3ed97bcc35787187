/* carecourse exam mode: the final assessment. Each attempt draws questions_per_pillar
   questions per pillar from the exam-only pool (least asked first, so a retry gets new
   ones where the pool allows), in this learner's order. Nothing on the page tells a
   right option from a wrong one until Submit: then the encoded key is decoded, the
   attempt graded and stored (x.done), and a review shown that keeps the right option of
   a wrong answer hidden until an attempt passed or the attempts are used up. */
(() => {
  "use strict";
  const cc = window.carecourse;
  const { el, fmt } = cc;

  // builder/examkey.py: "salt.base64", XOR-ed with mulberry32 bytes seeded by FNV-1a(salt)
  function decode(blob) {
    const [salt, body] = blob.split(".");
    const next = cc.numbers(cc.hash(salt));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(body), (c) => c.charCodeAt(0) ^ (next() & 255))));
  }

  // the questions of a new attempt: per pillar the least asked first, then shuffled
  function draw(ex, done) {
    const asked = cc.map();
    done.forEach((a) => a.keys.forEach((k) => { asked[k] = (asked[k] || 0) + 1; }));
    const no = `x${done.length}/`;
    const keys = Object.keys(ex.t.pillars).flatMap((p) => cc.shuffle([...ex.pool.keys()]
      .filter((k) => ex.pool.get(k).dataset.ccPillar === p), no + p)
      .sort((a, b) => (asked[a] || 0) - (asked[b] || 0)).slice(0, ex.per));
    return cc.shuffle(keys, no);
  }

  function setup(quiz) {
    quiz.dataset.ccReady = "1";
    let t;
    try { t = JSON.parse(quiz.dataset.ccI18n); } catch (e) { return; }
    const n = (k) => Number(quiz.dataset[k] || 0);
    const pool = new Map([...quiz.querySelector("template").content.children].map((li) => [li.dataset.ccQ, li]));
    const ex = { quiz, t, pool, pass: n("ccPass"), per: n("ccPerPillar"), max: n("ccMax"), wait: n("ccWait"),
      always: quiz.dataset.ccReveal === "always", list: quiz.querySelector(".cc-quiz__questions"),
      box: quiz.querySelector(".cc-quiz__summary"), status: quiz.querySelector(".cc-exam__status"),
      offer: quiz.parentElement.querySelector(".cc-cert-offer") };
    quiz.querySelector(".cc-needs-js")?.remove();
    quiz.classList.add("cc-js");
    if (!pool.size) return;
    const { cur, done } = cc.readExam().x;
    if (cur && cur.keys.every((k) => pool.has(k))) attempt(ex, cur, done.length);
    else if (done.length) review(ex, done.length - 1);
    else begin(ex);
  }

  function begin(ex) {
    const d = cc.readExam();
    d.x.cur = { keys: draw(ex, d.x.done), a: cc.map(), at: Date.now() };
    cc.write(d);
    attempt(ex, d.x.cur, d.x.done.length);
  }

  // the drawn questions as widgets, numbered, in this learner's order for attempt no
  function questions(ex, keys, no, moved) {
    ex.list.replaceChildren();
    ex.qs = keys.filter((k) => ex.pool.has(k)).map((k, i) => {
      const li = ex.pool.get(k).cloneNode(true);
      li.querySelector(".cc-q__num").textContent = `${i + 1}.`;
      ex.list.append(li);
      const q = cc.question(li, ex.t, moved);
      const avoid = (li.dataset.ccAvoid || "").split(" ");
      q.arrange(`${k}/x${no}`, (labels) => avoid.includes(cc.hash(`${k}:${labels}`).toString(36)));
      return q;
    });
  }

  function attempt(ex, cur, no) {
    const { t } = ex;
    const save = () => {
      const d = cc.readExam();
      if (d.x.cur) { d.x.cur.a = Object.fromEntries(ex.qs.map((q) => [q.key, q.answer()])); cc.write(d); }
    };
    questions(ex, cur.keys, no, save);
    for (const q of ex.qs) {
      const a = cur.a[q.key];
      if (a && cc.fits(q.type, q.n, a)) q.set(a);
      q.list.addEventListener("change", save);
    }
    ex.status.textContent = fmt(ex.max ? t.attempt_of : t.attempt, { n: no + 1, max: ex.max })
      + (ex.wait ? ` ${fmt(t.wait_rule, { minutes: ex.wait })}` : "");
    ex.box.replaceChildren(cc.button(t.submit, "md-button md-button--primary cc-submit", () => submit(ex)));
    certificate(ex);
  }

  function submit(ex) {
    const missing = ex.qs.filter((q) => !q.answer().length).length;
    ex.box.querySelector(".cc-note")?.remove();
    if (missing) return ex.box.prepend(el("p", "cc-note", fmt(ex.t.unanswered, { missing })));
    const key = decode(ex.quiz.dataset.ccKey);
    const r = { keys: [], a: cc.map(), ok: cc.map(), by: cc.map(), at: Date.now() };
    let right = 0;
    for (const q of ex.qs) {
      const k = key[q.key];
      const a = (r.a[q.key] = q.answer().map((l) => k.p[l]));
      const ok = (r.ok[q.key] = cc.grade(q.type, a, k.c, q.n).ok);
      const p = (r.by[q.pillar] ||= { right: 0, total: 0 });
      p.total += 1;
      p.right += ok;
      right += ok;
      r.keys.push(q.key);
    }
    r.percent = Math.round((100 * right) / ex.qs.length);
    r.passed = r.percent >= ex.pass;
    const d = cc.readExam();
    d.x.done.push(r);
    delete d.x.cur;
    cc.write(d);
    review(ex, d.x.done.length - 1, key).then(() => ex.box.firstChild.focus());
  }

  // an attempt after Submit: every question marked as far as the reveal rule allows, and
  // the result (progress.js, loaded then: the first paint of an attempt needs none of it)
  function review(ex, no, key = decode(ex.quiz.dataset.ccKey)) {
    const { done } = cc.readExam().x;
    const r = done[no];
    const open = ex.always || done.some((a) => a.passed) || (ex.max > 0 && done.length >= ex.max);
    questions(ex, r.keys, no);
    for (const q of ex.qs) mark(q, key[q.key], r.a[q.key] || [], open);
    ex.status.textContent = "";
    ex.box.replaceChildren();
    certificate(ex);
    return cc.load(["progress"]).then(() => cc.mod.result(ex, r, done, open, () => begin(ex)), () => {});
  }

  function mark(q, k, a, open) {
    const label = (i) => k.p.indexOf(i);
    q.set(a.map(label));
    const g = cc.grade(q.type, a, k.c, q.n);
    const shown = new Map();
    if (g.ok || open) {
      g.verdicts.forEach((v, i) => {
        shown.set(label(i), v);
        const fb = el("div", "cc-opt__feedback");
        fb.innerHTML = k.f[i];
        q.list.querySelector(`[data-cc-index="${label(i)}"]`).append(fb);
      });
    }
    q.show(g.ok, g.partly, shown);
    const why = el("div", "cc-q__review");
    why.innerHTML = k.e;
    why.prepend(el("strong", null, q.t.explanation));
    q.li.append(why);
  }

  // once an attempt passed: the offer of a certificate, shown by certificate.js (loaded
  // then: its styles dress the offer, its form prints)
  function certificate(ex) {
    const { offer, t } = ex;
    if (!offer) return;
    offer.hidden = true;
    if (cc.readExam().x.done.some((a) => a.passed)) cc.load(["certificate"]).then(() => cc.mod.offer(offer, t), () => {});
  }

  cc.mod.exam = () => document.querySelectorAll(".cc-quiz[data-cc-mode=exam]:not([data-cc-ready])").forEach(setup);
})();
