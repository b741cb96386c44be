// The light/dark toggle, run in <head> before <body> exists (overrides/partials/guide-palette.html
// says why the guide's and not Material's, and why in <head>). Inlined, minified, by the build.
//
// It does what Material's palette component does: the scheme kept on the device
// (__md_set("__palette")), else the first whose media query matches; the visible label switches
// to the next scheme; Enter does too; "(prefers-color-scheme)" follows the system; transitions
// are off while switching; and it works if Material's bundle never arrives.
// tests/browser/test_main_thread.py holds it.
(function () {
  // The schemes as the toggle's inputs carry them: [{media, scheme, primary, accent}, ...].
  var schemes = JSON.parse(document.currentScript.dataset.guideSchemes);
  var systemIsLight = matchMedia("(prefers-color-scheme: light)");
  var form; // the toggle's form, once parsed
  var inputs; // its inputs, one a scheme; set once the form is whole
  var body; // <body>, once the parser has made it
  var kept = null; // the scheme kept on the device, {index, color}
  var colorScheme = addMeta("color-scheme");
  var themeColor = addMeta("theme-color");
  // Its callback runs at the end of the parser's task, before any frame: <body> gets its scheme
  // in the first frame, and nothing in <body> stops the parser.
  var parsing = new MutationObserver(start);

  try {
    kept = __md_get("__palette");
  } catch (error) {
    // Material's helpers are not there, or storage is refused: the media queries choose.
  }
  var chosen = kept && typeof kept.index == "number" ? kept.index : schemes.findIndex(function (option) {
    return matchMedia(option.media).matches;
  });
  var shown = Math.max(0, Math.min(chosen, schemes.length - 1)); // the index of the scheme shown

  function addMeta(name) {
    var tag = document.createElement("meta");
    tag.name = name;
    document.head.appendChild(tag);
    return tag;
  }

  // Scheme `index`'s colours; "(prefers-color-scheme)" takes those of the system's scheme.
  function colours(index) {
    var result = Object.assign({}, schemes[index]);
    if (result.media == "(prefers-color-scheme)") {
      var wanted = "(prefers-color-scheme: " + (systemIsLight.matches ? "light" : "dark") + ")";
      var system = schemes.find(function (option) {
        return option.media == wanted;
      }) || result;
      result.scheme = system.scheme;
      result.primary = system.primary;
      result.accent = system.accent;
    }
    return result;
  }

  // Gives <body> the scheme shown, keeps it on the device, and writes color-scheme before
  // anything is styled (Material reads the header's style first, which styled the page twice).
  function paint() {
    var colour = colours(shown);
    for (var key in colour) body.setAttribute("data-md-color-" + key, colour[key]);
    try {
      __md_set("__palette", { index: shown, color: colour });
    } catch (error) {
      // Storage refused: the scheme lasts for this page.
    }
    var dark = /dark/.test(colour.media) || (colour.media == "(prefers-color-scheme)" && !systemIsLight.matches);
    colorScheme.content = dark ? "dark" : "light";
  }

  // Checks the toggle's input for the scheme shown, and shows its label only.
  function showToggle() {
    inputs.forEach(function (input, index) {
      input.checked = index == shown;
      if (input.nextElementSibling) input.nextElementSibling.hidden = index != shown;
    });
  }

  function choose(index) {
    shown = index;
    paint();
    showToggle();
    requestAnimationFrame(writeMetaTags);
  }

  // In the frame after a change, when the page is styled for painting anyway: the computed
  // style corrects color-scheme only if it differs (a fork's dark scheme without a media query),
  // and gives theme-color the header's colour.
  function writeMetaTags() {
    var style = getComputedStyle(form.closest("header") || body);
    if (colorScheme.content != style.colorScheme) colorScheme.content = style.colorScheme;
    themeColor.content = "#" + style.backgroundColor.match(/\d+/g).slice(0, 3).map(function (value) {
      return (+value).toString(16).padStart(2, "0");
    }).join("");
  }

  // Runs on each of the parser's steps: <body> gets its scheme as soon as it exists; the toggle's
  // own state is set once the parser has closed its form (a frame can come between the two).
  function start() {
    if (inputs || !document.body) return;
    if (!body) {
      body = document.body;
      paint();
    }
    form = document.querySelector("[data-guide-palette]");
    if (document.readyState == "loading" && !(form && form.nextSibling)) return;
    parsing.disconnect();
    if (!form) return;
    inputs = [].slice.call(form.querySelectorAll("input"));
    showToggle();
    requestAnimationFrame(writeMetaTags);

    form.addEventListener("change", function (event) {
      body.setAttribute("data-md-color-switching", ""); // Material's CSS: no transitions
      choose(inputs.indexOf(event.target));
      setTimeout(function () {
        body.removeAttribute("data-md-color-switching");
      });
    });
    form.addEventListener("keydown", function (event) {
      if (event.key != "Enter") return;
      var next = inputs[(shown + 1) % inputs.length];
      next.click();
      next.focus();
    });
    systemIsLight.addEventListener("change", function () {
      if (schemes[shown].media == "(prefers-color-scheme)") choose(shown);
    });
  }

  parsing.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", start);
})();
