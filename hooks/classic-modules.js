// A pull request's preview opens from a downloaded folder (file://), where browsers refuse
// module scripts (Chromium: "blocked by CORS policy"; a file has no origin to share). The
// build (hooks/minify.py, classic_script) then ships each of the guide's modules as a classic
// script that registers itself here, and this is the small loader they share: `load` is what
// `import` was, `define` what a module's body was. Only the guide's own modules are loaded so;
// anything else (Pagefind's search, which needs a server) is refused, and its widget says so.
window.guideModule = window.guideModule || (function () {
  const modules = {}; // address -> { promise, resolve, reject, started }
  const GUIDE_MODULE = /\/guide-[a-z-]+\.js$/;

  function entry(address) {
    if (!modules[address]) {
      const made = { started: false };
      made.promise = new Promise((resolve, reject) => Object.assign(made, { resolve, reject }));
      modules[address] = made;
    }
    return modules[address];
  }

  // The module at `path` (relative to `base`, the importing module's address), loaded once.
  function load(base, path) {
    const address = new URL(path, base).href;
    if (!GUIDE_MODULE.test(new URL(address).pathname)) {
      return Promise.reject(new Error(`${address} cannot be loaded in a preview opened from a folder`));
    }
    const found = entry(address);
    if (!found.started) {
      found.started = true;
      const script = document.createElement("script");
      script.src = address;
      script.onerror = () => found.reject(new Error(`${address} did not load`));
      document.head.append(script);
    }
    return found.promise;
  }

  // A module's body, run once; what it exports is what `load` gives its importers.
  function define(address, body) {
    const found = entry(address);
    found.started = true;
    body().then(found.resolve, found.reject);
  }

  return { load, define };
})();
