/* The "huvudbok för konto" picker: go to huvudbok/<konto>/ (the URL holds the account). */
(function () {
  "use strict";
  var form = document.getElementById("huvudbok-val");
  if (!form) { return; }
  form.addEventListener("submit", function (e) {
    var konto = form.querySelector("[name='konto']").value.trim().split(" ")[0];
    if (!/^\d+$/.test(konto)) { return; }
    e.preventDefault();
    var ar = form.querySelector("[name='ar']");
    window.location.href = form.action.replace(/\/0\/$/, "/" + konto + "/") + (ar ? "?ar=" + encodeURIComponent(ar.value) : "");
  });
})();
