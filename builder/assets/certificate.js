/* carecourse: the learner's certificate, loaded once an attempt of the assessment passed
   (exam.js shows the offer; the offer's styles come with this module). The card is the one
   HR's PDFs use (_certificate.html.j2); this fills in the best passing attempt (its score,
   per pillar, and its date) and the learner's name, and prints it alone. */
(() => {
  "use strict";
  const cc = window.carecourse;
  const { el, fmt } = cc;

  // the offer, and its form that prints the certificate
  cc.mod.offer = (offer, t) => {
    offer.hidden = false;
    offer.querySelector("form").onsubmit = (e) => {
      e.preventDefault();
      cc.mod.certificate(offer, t);
    };
  };

  cc.mod.certificate = (offer, t) => {
    const best = cc.readExam().x.done.filter((a) => a.passed).reduce((b, a) => (a.percent > b.percent ? a : b));
    const cert = offer.querySelector(".cc-cert");
    const pct = (v) => fmt(cert.dataset.ccPercent, { value: v });
    const slot = (k) => cert.querySelector(`[data-cc-slot=${k}]`);
    slot("name").textContent = offer.querySelector("input").value.trim();
    slot("score").textContent = fmt(cert.dataset.ccScore, { score: pct(best.percent) });
    slot("date").textContent = new Date(best.at).toLocaleDateString(cert.lang, { dateStyle: "long" });
    slot("pillars").replaceChildren(...Object.keys(t.pillars).filter((p) => best.by[p]).map((p) =>
      el("li", null, `${t.pillars[p]}: ${pct(Math.round((100 * best.by[p].right) / best.by[p].total))}`)));
    cert.hidden = false;
    const copy = cert.cloneNode(true); // printed alone, on a landscape page
    copy.classList.add("cc-cert--print");
    document.body.append(copy);
    document.body.classList.add("cc-printing");
    addEventListener("afterprint", () => { copy.remove(); document.body.classList.remove("cc-printing"); }, { once: true });
    print();
  };
})();
