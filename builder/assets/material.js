/* carecourse <-> Material for MkDocs. Every use of Material's DOM, events and quirks is
   here and nowhere else; each was checked against mkdocs-material 9.8.2 (the .venv's).
   Another site generator would need a new version of this file only. */
(() => {
  "use strict";
  const cc = (window.carecourse = window.carecourse || {});
  const md = (cc.md = {});

  // The site's root. Material writes the relative path to it as "base" in the JSON of
  // <script id="__config"> (templates/base.html). Instant navigation keeps the first
  // document and its config, so the base is resolved once, against the first address.
  // (Checked: 9.8.2.)
  md.root = (() => {
    try {
      return new URL(JSON.parse(document.getElementById("__config").textContent).base + "/", location.href);
    } catch (e) {
      return new URL("./", location.href);
    }
  })();

  // Every page view. With navigation.instant the page scripts run once and Material's
  // RxJS subject document$ emits on each page swap, and on the first load from its own
  // DOMContentLoaded listener, before ours. Opened from file://, instant navigation's
  // sitemap request fails and document$ never emits: the first page then starts from
  // our DOMContentLoaded listener. (9.8.2)
  md.onPage = (fn) => {
    let started;
    const run = () => { started = true; fn(); };
    window.document$?.subscribe(run);
    const first = () => started || run();
    if (document.readyState === "loading") addEventListener("DOMContentLoaded", first);
    else first();
  };

  // A click on an in-page anchor our code handles (a role-play choice): instant
  // navigation listens on the document and would otherwise scroll or reload to the
  // anchor, replacing the content. (9.8.2)
  md.keep = (e) => {
    e.preventDefault();
    e.stopPropagation();
  };

  // The links that get the completed ✓: the navigation's (primary sidebar and the drawer on
  // phones) and those of the page's own lists (not the course path: it says more).
  // (9.8.2: a.md-nav__link, absolute href after instant navigation; .md-content)
  md.links = () => document.querySelectorAll("a.md-nav__link, .md-content li:not(.cc-path__step) > a");

  // Material's search dialog (partials/search.html) has role=dialog but no name:
  // give it the search field's label, on every page view. (9.8.2)
  md.fix = () => {
    const search = document.querySelector(".md-search[role=dialog]:not([aria-label])");
    search?.setAttribute("aria-label", search.querySelector("input")?.getAttribute("aria-label") || "Search");
  };

  // The language selector (our partials/alternate.html, class cc-lang) leads to the
  // page now shown in the other language. Instant navigation does not redraw the header,
  // so its links may be stale, and Material would reroute the click through its sitemap
  // lookup (to the other language's home page): fix the link, keep Material off it. (9.8.2)
  document.addEventListener("click", (e) => {
    const a = e.target instanceof Element && e.target.closest("a.cc-lang");
    if (!a) return;
    e.stopPropagation();
    const root = md.root.href;
    if (location.href.startsWith(root)) {
      a.href = new URL(`../${a.hreflang}/${location.href.slice(root.length)}`, md.root).href;
    }
  }, true);
})();
