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
    const keys = Object.keys(ex.t.pillars).flatMap((p) => cc.shuffle(Object.keys(ex.pool)
      .filter((k) => ex.pool[k][0] === p), no + p)
      .sort((a, b) => (asked[a] || 0) - (asked[b] || 0)).slice(0, ex.per));
    return cc.shuffle(keys, no);
  }

  function setup(quiz) {
    quiz.dataset.ccReady = "1";
    let t;
    try { t = JSON.parse(quiz.dataset.ccI18n); } catch (e) { return; }
    const n = (k) => Number(quiz.dataset[k] || 0);
    const ex = { quiz, t, v: quiz.dataset.ccPool, pass: n("ccPass"), per: n("ccPerPillar"), max: n("ccMax"), wait: n("ccWait"),
      always: quiz.dataset.ccReveal === "always", list: quiz.querySelector(".cc-quiz__questions"),
      box: quiz.querySelector(".cc-quiz__summary"), status: quiz.querySelector(".cc-exam__status"),
      offer: quiz.parentElement.querySelector(".cc-cert-offer") };
    quiz.querySelector(".cc-needs-js")?.remove();
    quiz.classList.add("cc-js");
    if (ex.v) load(ex, "index").then((pool) => resume(ex, pool), () => unloaded(ex));
  }

  // with the pool's index: go on with the attempt in progress, show the last one, or begin
  function resume(ex, pool) {
    ex.pool = pool;
    const { cur, done } = cc.readExam().x;
    if (cur && cur.keys.every((k) => cc.own(pool, k))) fetched(ex, cur.keys, () => attempt(ex, cur, done.length));
    else if (done.length) fetched(ex, done[done.length - 1].keys, () => review(ex, done.length - 1));
    else begin(ex);
  }

  // The pool: builder/exam_pool_files.py writes it under assets/exam-pool/ as classic
  // scripts (so that it loads from file:// too), all of the version the page names
  // (data-cc-pool): index.js (question key -> [pillar, file]) and the files of up to 8
  // questions (their markup, without answers, and their encoded key). Each hands its data
  // to cc.chunk. An attempt loads the index, then only the files of its questions.
  const got = cc.map();
  cc.chunk = (name, data) => { got[name] = data; };
  const load = (ex, name) => cc.script(cc.url(`assets/exam-pool/${name}.js?v=${ex.v}`)).then(() => got[name]);

  // the questions of these keys (ex.lis: key -> <li>, not in the page; ex.blobs: their key), then go on
  const fetched = (ex, keys, then) => Promise.all([...new Set(keys.filter((k) => cc.own(ex.pool, k))
    .map((k) => ex.pool[k][1]))].map((n) => load(ex, n))).then((all) => {
    const t = el("template");
    t.innerHTML = all.map((d) => d.h).join("");
    ex.lis = new Map([...t.content.children].map((li) => [li.dataset.ccQ, li]));
    ex.blobs = all.map((d) => d.k);
    then();
  }, () => unloaded(ex));
  const unloaded = (ex) => { ex.status.textContent = ex.t.not_loaded; };

  // the answer key of the loaded questions (decoded only to grade and review)
  const answers = (ex) => Object.assign(cc.map(), ...ex.blobs.map(decode));

  function begin(ex) {
    const d = cc.readExam();
    d.x.cur = { keys: draw(ex, d.x.done), a: cc.map(), at: Date.now() };
    cc.write(d);
    fetched(ex, d.x.cur.keys, () => attempt(ex, d.x.cur, d.x.done.length));
  }

  // the drawn questions as widgets, numbered, in this learner's order for attempt no
  function questions(ex, keys, no, moved) {
    ex.list.replaceChildren();
    ex.qs = keys.filter((k) => ex.lis.has(k)).map((k, i) => {
      const li = ex.lis.get(k).cloneNode(true);
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
    const key = answers(ex);
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
  // the result (review.js, loaded then: the first paint of an attempt needs none of it)
  function review(ex, no, key = answers(ex)) {
    const { done } = cc.readExam().x;
    const r = done[no];
    const open = ex.always || done.some((a) => a.passed) || (ex.max > 0 && done.length >= ex.max);
    questions(ex, r.keys, no);
    ex.status.textContent = "";
    ex.box.replaceChildren();
    certificate(ex);
    return cc.load(["review"]).then(() => cc.mod.review(ex, r, key, done, open, () => begin(ex)), () => unloaded(ex));
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
