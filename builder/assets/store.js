/* carecourse progress store (CONTRACTS.md, section 3): localStorage "carecourse", JSON,
   version 2. Each part is checked on its own, so a bad part never costs the good ones;
   maps have no prototype (ids like "constructor" or "__proto__" are plain keys).
   In an LMS frame (window.carecourseLms on a same-origin parent) the LMS is the source
   of truth; localStorage is written too. */
(() => {
  "use strict";
  const cc = window.carecourse;
  const KEY = "carecourse";
  const V = 2;
  const RATINGS = ["ideal", "acceptable", "poor"];
  const map = () => Object.create(null);
  const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  const nat = (v) => Number.isInteger(v) && v >= 0;
  const ints = (a) => Array.isArray(a) && a.length <= 64 && a.every(nat) && new Set(a).size === a.length;
  const strs = (a) => Array.isArray(a) && a.length <= 500 && a.every((k) => typeof k === "string");

  // the valid entries of a stored map, in a map without a prototype
  function entries(v, check) {
    const out = map();
    if (isObj(v)) {
      for (const k of Object.keys(v)) {
        const e = check(v[k]);
        if (e !== undefined) out[k] = e;
      }
    }
    return out;
  }
  const answer = (v) => (isObj(v) && ints(v.a) ? { a: v.a, ok: v.ok === true, n: nat(v.n) ? v.n : 0 } : undefined);
  const play = (v) => (isObj(v) ? { e: entries(v.e, (r) => (RATINGS.includes(r) ? r : undefined)) } : undefined);
  const newSeed = () => {
    const b = new Uint32Array(2);
    try { crypto.getRandomValues(b); } catch (e) { b[0] = Math.random() * 2 ** 32; b[1] = Date.now(); }
    return Array.from(b, (x) => x.toString(36).padStart(7, "0")).join("");
  };

  // Version 1 (practice answers, role-play endings, an older exam part) is carried over:
  // answers and endings are kept, the exam part starts afresh. The exam part (x) is
  // checked by examstore.js, on the assessment page: other pages keep it as it is.
  function clean(d) {
    if (!isObj(d) || (d.v !== 1 && d.v !== V)) d = {};
    const out = {
      v: V,
      seed: typeof d.seed === "string" && /^[A-Za-z0-9]{8,64}$/.test(d.seed) ? d.seed : newSeed(),
      q: entries(d.q, answer),
      r: entries(d.r, play),
      x: d.v === V && isObj(d.x) ? d.x : { done: [] },
    };
    if (typeof d.last === "string") out.last = d.last;
    if (d.l === 1) out.l = 1; // the lesson was opened from the home page
    return out;
  }

  function findLms() {
    let w = window;
    try {
      while (w.parent && w.parent !== w) {
        w = w.parent;
        if (w.carecourseLms) return w.carecourseLms; // throws once w is another origin
      }
    } catch (e) { /* not same-origin: no LMS shell of ours */ }
    return null;
  }
  const lms = findLms();
  let mem = null; // the last state written in this document
  let failed = false; // the last localStorage write failed (quota, private mode)

  function source() {
    if (lms) {
      try { return lms.load() || mem; } catch (e) { return mem; }
    }
    if (failed && mem) return mem;
    try {
      const s = localStorage.getItem(KEY);
      return s === null ? mem : JSON.parse(s);
    } catch (e) { return mem; }
  }
  function write(d) {
    mem = d;
    if (lms) try { lms.save(d); } catch (e) { /* the LMS shell reports its own trouble */ }
    try {
      localStorage.setItem(KEY, JSON.stringify(d));
      failed = false;
    } catch (e) {
      failed = true;
      if (!lms) cc.storageFull?.();
    }
  }
  // A fresh or repaired state is written at once, so the seed (hence the order of the
  // options) stays the same from then on.
  function read() {
    const s = source();
    const d = clean(s);
    if (!isObj(s) || s.seed !== d.seed || s.v !== V) write(d);
    return d;
  }

  // Seeded numbers: FNV-1a to seed mulberry32 (the same in builder/examkey.py).
  const hash = (s) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h >>> 0;
  };
  const numbers = (seed) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  // a copy of list in this learner's order for key (the same on every reload)
  function shuffle(list, key) {
    const next = numbers(hash(`${read().seed}/${key}`));
    const a = list.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = next() % (i + 1);
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }

  Object.assign(cc, {
    read, write, shuffle, hash, numbers, map, own, isObj, entries, nat, ints, strs,
    fresh: () => clean(null),
    visit: (url) => { try { lms?.visit(url); } catch (e) { /* the shell's concern */ } },
  });
})();
