/* carecourse, on every page: over http(s), registers the service worker when the build
   made one (the page links its web app manifest; never in an LMS package) and passes its
   "course cached" message to the "offline" module, which says so once per version.
   From file://, that module is loaded to say, on a tap on search, that it needs a server. */
(() => {
  const cc = window.carecourse;
  const sw = navigator.serviceWorker;
  const say = (what) => cc.load(["offline"]).then(() => cc.mod.offline(what));
  if (location.protocol === "file:") say();
  else if (sw && document.querySelector("link[rel=manifest]")) {
    sw.register(cc.url("sw.js"));
    sw.onmessage = (e) => say(e.data);
  }
})();
