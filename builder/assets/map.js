/* carecourse: the trainer's map of a role-play, loaded when it is opened. Drawn by the
   Mermaid shipped with the site, the endings in the colours of the site (colours.css). */
(() => {
  "use strict";
  const cc = window.carecourse;

  function classes(details) {
    const css = getComputedStyle(details);
    return [["ideal", "right"], ["acceptable", "missed"], ["poor", "wrong"]].map(([cls, c]) => {
      const fg = css.getPropertyValue(`--cc-${c}`).trim();
      return `classDef ${cls} fill:${css.getPropertyValue(`--cc-${c}-bg`).trim()},stroke:${fg},color:${fg}`;
    }).join("\n");
  }

  let mermaid;
  cc.mod.map = async (details) => {
    const pre = details.querySelector("pre.cc-map");
    if (!pre) return;
    mermaid ||= cc.script(cc.url("assets/carecourse/vendor/mermaid.tiny.js")).then(() =>
      window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "neutral" }));
    try {
      await mermaid;
      const text = `${pre.textContent}\n${classes(details)}`;
      const { svg } = await window.mermaid.render(`cc-map-${Math.random().toString(36).slice(2)}`, text);
      if (!pre.isConnected) return; // drawn meanwhile
      const fig = cc.el("div", "cc-map-svg");
      fig.innerHTML = svg;
      fig.setAttribute("role", "img");
      fig.setAttribute("aria-label", details.querySelector("summary").textContent);
      pre.replaceWith(fig);
    } catch (e) {
      mermaid = null; // the text of the map stays readable; tried again next time
    }
  };
})();
