// Follows a background job (SIE import, PDF) without reloading the page (WCAG 2.2.1: no
// timed refresh). Every two seconds the page is fetched again and the status region
// ([data-bevakning]) is swapped in; when the job is no longer running, the whole main
// content is swapped once, so the result links appear, and polling stops. Without
// JavaScript the page offers a link to update it by hand.
(function () {
  "use strict";
  var region = document.querySelector("[data-bevakning][data-pagar]");
  if (!region || !window.fetch || !window.DOMParser) {
    return;
  }
  var main = document.getElementById("innehall");
  var forsok = 0;
  function hamta() {
    forsok += 1;
    window.fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (svar) {
        if (!svar.ok) {
          throw new Error(String(svar.status));
        }
        return svar.text();
      })
      .then(function (html) {
        var ny = new DOMParser().parseFromString(html, "text/html");
        var nyRegion = ny.querySelector("[data-bevakning]");
        if (!nyRegion) {
          return;
        }
        if (nyRegion.hasAttribute("data-pagar")) {
          region.innerHTML = nyRegion.innerHTML;
          window.setTimeout(hamta, 2000);
        } else {
          var nyMain = ny.getElementById("innehall");
          if (main && nyMain) {
            main.innerHTML = nyMain.innerHTML;
          }
        }
      })
      .catch(function () {
        // A lost connection: try again a little later, then leave the manual link.
        if (forsok < 30) {
          window.setTimeout(hamta, 5000);
        }
      });
  }
  window.setTimeout(hamta, 2000);
})();
