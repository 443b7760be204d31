/* Verifikation entry: dynamic rows, running difference, keyboard flow. No dependencies.
 * Amounts are parsed into integer öre (never floats) so the difference is exact. */
(function () {
  "use strict";
  var form = document.getElementById("verifikation-form");
  if (!form) { return; }
  var body = document.getElementById("rader-body");
  var mall = document.getElementById("tom-rad");
  var total = form.querySelector("input[name='rader-TOTAL_FORMS']");
  var ut = document.getElementById("differens");
  var summaDebet = document.getElementById("summa-debet");
  var summaKredit = document.getElementById("summa-kredit");

  function ore(text) {
    var t = (text || "").replace(/[\s\u00a0]/g, "").replace("\u2212", "-");
    if (t === "") { return 0; }
    if (!/^-?\d+([.,]\d{1,2})?$/.test(t)) { return null; }
    var neg = t.charAt(0) === "-";
    if (neg) { t = t.slice(1); }
    var delar = t.split(/[.,]/);
    var bråk = (delar[1] || "").concat("00").slice(0, 2);
    var v = parseInt(delar[0], 10) * 100 + parseInt(bråk, 10);
    return neg ? -v : v;
  }

  function kr(o) {
    var neg = o < 0;
    o = Math.abs(o);
    var heltal = String(Math.floor(o / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
    var s = heltal + "," + String(o % 100).padStart(2, "0");
    return (neg ? "\u2212" : "") + s;
  }

  function rader() { return Array.prototype.slice.call(body.querySelectorAll("tr[data-rad]")); }

  function berakna() {
    var d = 0, k = 0, fel = false;
    rader().forEach(function (tr) {
      var dv = ore(tr.querySelector("[name$='-debet']").value);
      var kv = ore(tr.querySelector("[name$='-kredit']").value);
      if (dv === null || kv === null) { fel = true; return; }
      d += dv; k += kv;
    });
    summaDebet.textContent = kr(d);
    summaKredit.textContent = kr(k);
    if (fel) {
      ut.textContent = "Ett belopp går inte att läsa (skriv t.ex. 1 234,50)";
      ut.className = "obalans";
    } else if (d === k) {
      ut.textContent = d === 0 ? "Differens 0,00" : "Balanserar: differens 0,00";
      ut.className = d === 0 ? "" : "balans";
    } else {
      ut.textContent = "Differens " + kr(Math.abs(d - k)) + " (" + (d > k ? "debet" : "kredit") + " större)";
      ut.className = "obalans";
    }
    return d - k;
  }

  function numrera() {
    rader().forEach(function (tr, i) {
      tr.querySelectorAll("[data-radnr]").forEach(function (el) { el.textContent = String(i + 1); });
    });
  }

  function nyRad(fokus) {
    var i = parseInt(total.value, 10);
    var html = mall.innerHTML.replace(/__prefix__/g, String(i)).replace(/__nr__/g, String(i + 1));
    var tmp = document.createElement("tbody");
    tmp.innerHTML = html.trim();
    var tr = tmp.firstElementChild;
    body.appendChild(tr);
    total.value = String(i + 1);
    // Suggest the amount that balances the voucher in the new row.
    var diff = berakna();
    if (diff !== 0) {
      var falt = tr.querySelector(diff > 0 ? "[name$='-kredit']" : "[name$='-debet']");
      falt.placeholder = kr(Math.abs(diff)).replace("\u2212", "");
      falt.setAttribute("data-forslag", "1");
    }
    numrera();
    if (fokus) { tr.querySelector("[name$='-konto']").focus(); }
    return tr;
  }

  function radTom(tr) {
    return Array.prototype.every.call(tr.querySelectorAll("input"), function (el) { return el.value.trim() === ""; });
  }

  document.getElementById("ny-rad").addEventListener("click", function () { nyRad(true); });
  body.addEventListener("input", berakna);

  // Enter: header field → first row; row → next row, or a new row after the last one;
  // an empty amount field showing the balancing suggestion takes it. Ctrl+Enter posts.
  form.addEventListener("keydown", function (e) {
    var el = e.target;
    if (e.key !== "Enter" || el.tagName !== "INPUT" || el.type === "submit") { return; }
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      form.querySelector("button[name='bokfor']").click();
      return;
    }
    e.preventDefault();
    var tr = el.closest("tr[data-rad]");
    if (!tr) {  // header fields: go to the first row
      var forsta = body.querySelector("[name$='-konto']");
      if (forsta) { forsta.focus(); }
      return;
    }
    if (el.value === "" && el.getAttribute("data-forslag")) {
      el.value = el.placeholder;
      berakna();
    }
    var alla = rader();
    var idx = alla.indexOf(tr);
    if (idx < alla.length - 1) {
      alla[idx + 1].querySelector("[name$='-konto']").focus();
    } else if (!radTom(tr)) {
      nyRad(true);
    } else if (berakna() === 0) {
      form.querySelector("button[name='bokfor']").focus();
    }
  });

  if (rader().length === 0) { nyRad(false); }
  berakna();
})();
