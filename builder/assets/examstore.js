/* carecourse store, the exam part (x of CONTRACTS.md, section 3), checked on its own:
   the attempt in progress (cur) and the submitted ones (done), each kept if sound.
   cur.a holds the answers as the page's option labels (data-cc-index: on the assessment
   they are not the written order); done[].a holds them graded, as written option indexes. */
(() => {
  "use strict";
  const cc = window.carecourse;
  const { isObj, nat, ints, strs, entries } = cc;
  const bool = (b) => (typeof b === "boolean" ? b : undefined);
  const answers = (v) => entries(v, (a) => (ints(a) ? a : undefined));
  const score = (v) => (isObj(v) && nat(v.right) && nat(v.total) && v.right <= v.total
    ? { right: v.right, total: v.total } : undefined);
  // an exam attempt: in progress (cur), or submitted (done: graded, with its score)
  function attempt(v, done) {
    if (!isObj(v) || !strs(v.keys) || !nat(v.at)) return undefined;
    const out = { keys: v.keys, a: answers(v.a), at: v.at };
    if (!done) return out;
    if (!nat(v.percent) || v.percent > 100 || bool(v.passed) === undefined) return undefined;
    return { ...out, ok: entries(v.ok, bool), percent: v.percent, by: entries(v.by, score), passed: v.passed };
  }
  function exam(v) {
    const x = { done: [] };
    if (!isObj(v)) return x;
    const cur = attempt(v.cur, false);
    if (cur) x.cur = cur;
    if (Array.isArray(v.done)) x.done = v.done.map((a) => attempt(a, true)).filter(Boolean).slice(-100);
    return x;
  }

  // the stored progress with its exam part checked
  cc.readExam = () => {
    const d = cc.read();
    d.x = exam(d.x);
    return d;
  };
})();
