/* carecourse LMS shell: the compact, versioned suspend_data codec.
   A progress-store state (CONTRACTS section 3) <-> "cc1" + the course fingerprint + bits
   written as base64url (ASCII letters, digits, "-" and "_" only). Question keys, scenarios
   and endings are indexes into tables fixed when the package was made; builder/lms/suspend.py
   computes the worst case of the same layout. */
(function (L) {
  "use strict";
  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const HEAD = "cc1";
  const RATINGS = ["ideal", "acceptable", "poor"];
  const EPOCH = Date.UTC(2020, 0, 1) / 1000; // times are whole seconds since then (32 bits)
  const FACT = [1, 1, 2, 6, 24, 120, 720, 5040, 40320];
  const bits = (n) => (n <= 1 ? 0 : Math.ceil(Math.log2(n)));
  const isObj = (v) => !!v && typeof v === "object" && !Array.isArray(v);
  const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const valid = (type, n, a) => Array.isArray(a) && a.every((i) => Number.isInteger(i) && i >= 0 && i < n)
    && new Set(a).size === a.length
    && (type === "ordering" ? a.length === n || !a.length : type !== "single" || a.length <= 1);

  function writer() {
    const out = [];
    let acc = 0;
    let len = 0;
    const w = {
      put(v, n) {
        for (let i = n - 1; i >= 0; i -= 1) {
          acc = acc * 2 + (Math.floor(v / 2 ** i) % 2);
          len += 1;
          if (len === 6) { out.push(B64[acc]); acc = 0; len = 0; }
        }
      },
      flag(b) { w.put(b ? 1 : 0, 1); return !!b; },
      text: () => out.join("") + (len ? B64[acc * 2 ** (6 - len)] : ""),
    };
    return w;
  }

  function reader(s, pos) {
    let acc = 0;
    let len = 0;
    const r = {
      get(n) {
        let v = 0;
        for (let i = 0; i < n; i += 1) {
          if (!len) {
            acc = B64.indexOf(s.charAt(pos));
            if (acc < 0) throw new Error("short");
            pos += 1;
            len = 6;
          }
          len -= 1;
          v = v * 2 + ((acc >> len) & 1);
        }
        return v;
      },
      flag: () => r.get(1) === 1,
      // nothing may follow but the zero bits that fill the last character
      end: () => pos === s.length && (acc & ((1 << len) - 1)) === 0,
    };
    return r;
  }

  function rank(a) { // an ordering as one number below n!
    const rest = a.map((_, i) => i);
    let v = 0;
    a.forEach((x, i) => { const j = rest.indexOf(x); v = v * (a.length - i) + j; rest.splice(j, 1); });
    return v;
  }
  function unrank(v, n) {
    const digits = [];
    for (let i = n - 1; i >= 0; i -= 1) { digits[i] = v % (n - i); v = Math.floor(v / (n - i)); }
    if (v) throw new Error("rank");
    const rest = digits.map((_, i) => i);
    return digits.map((d) => rest.splice(d, 1)[0]);
  }

  function putAnswer(w, q, a) { // q: [key, pillar, type, n]
    const type = q[2];
    const n = q[3];
    if (type === "multiple") { w.put(a.reduce((m, i) => m + 2 ** i, 0), n); return; }
    if (!w.flag(a.length)) return;
    if (type === "single") w.put(a[0], bits(n));
    else w.put(rank(a), bits(FACT[n]));
  }
  function getAnswer(r, q) {
    const type = q[2];
    const n = q[3];
    if (type === "multiple") {
      const m = r.get(n);
      return [...Array(n).keys()].filter((i) => Math.floor(m / 2 ** i) % 2);
    }
    if (!r.flag()) return [];
    if (type === "ordering") return unrank(r.get(bits(FACT[n])), n);
    const i = r.get(bits(n));
    if (i >= n) throw new Error("option");
    return [i];
  }

  function putTime(w, ms) {
    const s = Math.round(ms / 1000) - EPOCH;
    if (w.flag(Number.isFinite(s) && s >= 0 && s < 2 ** 32)) w.put(s, 32);
  }
  const getTime = (r) => (r.flag() ? (EPOCH + r.get(32)) * 1000 : undefined);

  function putSeed(w, s) {
    if (!w.flag(typeof s === "string" && s.length >= 1 && s.length <= 32 && /^[\x20-\x7e]+$/.test(s))) return;
    const short = [...s].every((c) => B64.includes(c));
    w.put(s.length - 1, 5);
    w.flag(!short);
    for (const c of s) w.put(short ? B64.indexOf(c) : c.charCodeAt(0) - 32, short ? 6 : 7);
  }
  function getSeed(r) {
    if (!r.flag()) return undefined;
    const n = r.get(5) + 1;
    const wide = r.flag();
    let s = "";
    for (let i = 0; i < n; i += 1) s += wide ? String.fromCharCode(r.get(7) + 32) : B64[r.get(6)];
    return s;
  }

  Object.assign(L, { B64, HEAD, RATINGS, bits, isObj, own, valid, writer, reader, putAnswer, getAnswer,
    putTime, getTime, putSeed, getSeed });
})(self.ccLms = self.ccLms || {});
