"""Load scenario: kansli users browse lists and post verifikationer, styrelse users read
reports. Run by bench/load/run.sh (gunicorn + PostgreSQL on loopback, production settings).

Environment (set by run.sh): FINSAM_LOAD_ORGNR, FINSAM_LOAD_LOSENORD, FINSAM_LOAD_DATUM
(a date in an open räkenskapsår, empty: no posting), FINSAM_LOAD_KONTON ("debet,kredit"
account numbers), FINSAM_LOAD_UT (file for the count of vouchers this run posted).

The app runs with production settings (secure cookies, HTTPS redirect behind a proxy). We
play the TLS-terminating proxy: every request says X-Forwarded-Proto: https, and the
client's cookie jar sends the secure cookies over the loopback connection.
"""

import http.cookiejar
import json
import os
import random
import threading

from locust import HttpUser, between, events, task

ORGNR = os.environ.get("FINSAM_LOAD_ORGNR", "222000-1024")
LOSENORD = os.environ.get("FINSAM_LOAD_LOSENORD", "finsam-demo-2013")
DATUM = os.environ.get("FINSAM_LOAD_DATUM", "")
KONTON = os.environ.get("FINSAM_LOAD_KONTON", "").split(",")
UT = os.environ.get("FINSAM_LOAD_UT", "")
F = f"/f/{ORGNR}"

_lock = threading.Lock()
_bokforda: list[str] = []
_status = {
    "bokforing": "okänd"
    if DATUM and len(KONTON) == 2
    else "ej möjlig: demodata saknar öppet räkenskapsår eller konton"
}


# Send Secure cookies over our loopback http: we stand in for the TLS proxy. (requests
# builds a fresh cookie jar per request, so the default policy itself must allow it.)
http.cookiejar.DefaultCookiePolicy.return_ok_secure = lambda self, cookie, request: True


class Finsamanvandare(HttpUser):
    abstract = True
    username = ""
    wait_time = between(0.5, 2.0)

    def on_start(self):
        self.client.headers.update(
            {"X-Forwarded-Proto": "https", "Referer": f"https://{self._host()}/"}
        )
        self.client.get("/konto/logga-in/", name="login (GET)")
        r = self.client.post(
            "/konto/logga-in/",
            {
                "username": self.username,
                "password": LOSENORD,
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            name="login (POST)",
            allow_redirects=False,
        )
        if r.status_code != 302:
            raise RuntimeError(f"Inloggningen som {self.username} misslyckades: {r.status_code}")

    def _host(self) -> str:
        return self.host.split("://", 1)[1].rstrip("/")


class Kansli(Finsamanvandare):
    weight = 3
    username = "kansli"

    @task(3)
    def forbund(self):
        self.client.get(f"{F}/", name="forbund:start")

    @task(3)
    def insatser(self):
        self.client.get(f"{F}/insatser/", name="insatser:insats-list")

    @task(3)
    def ekonomi(self):
        self.client.get(f"{F}/ekonomi/", name="ekonomi:index")

    @task(2)
    def rapporter(self):
        self.client.get(f"{F}/rapporter/", name="rapporter:index")

    @task(2)
    def verifikationer(self):
        self.client.get(f"{F}/ekonomi/verifikationer/", name="ekonomi:verifikation-list")

    @task(1)
    def saldobalans(self):
        self.client.get(f"{F}/ekonomi/saldobalans/?ar=2013", name="ekonomi:saldobalans")

    @task(2)
    def bokfor_verifikation(self):
        if not DATUM or len(KONTON) != 2 or _status["bokforing"].startswith("saknas"):
            return
        belopp = f"{random.randint(1, 99999)},{random.randint(0, 99):02d}"
        text = f"Lasttest {random.getrandbits(48):012x}"
        debet, kredit = KONTON
        data = {
            "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            "datum": DATUM,
            "text": text,
            "serie": "A",
            "rader-TOTAL_FORMS": "2",
            "rader-INITIAL_FORMS": "0",
            "rader-MIN_NUM_FORMS": "0",
            "rader-MAX_NUM_FORMS": "1000",
            "rader-0-konto": debet,
            "rader-0-debet": belopp,
            "rader-0-kredit": "",
            "rader-0-text": text,
            "rader-1-konto": kredit,
            "rader-1-debet": "",
            "rader-1-kredit": belopp,
            "rader-1-text": text,
            "bokfor": "Bokför",
        }
        with self.client.post(
            f"{F}/ekonomi/verifikationer/ny/",
            data,
            name="ekonomi:verifikation-create (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as r:
            if r.status_code == 404:
                # The posting view is built in parallel (ledger issue); until it lands the
                # scenario browses only. Reported by run.sh.
                _status["bokforing"] = "saknas: vyn ekonomi:verifikation-create svarar 404"
                r.success()
            elif r.status_code == 302:
                _status["bokforing"] = "finns"
                with _lock:
                    _bokforda.append(text)
                r.success()
            else:
                r.failure(f"Verifikationen bokfördes inte: HTTP {r.status_code}")


class Styrelse(Finsamanvandare):
    weight = 1
    username = "styrelse"

    @task(3)
    def rapporter(self):
        self.client.get(f"{F}/rapporter/", name="rapporter:index")

    @task(2)
    def arsredovisning(self):
        self.client.get(f"{F}/rapporter/arsredovisning/2013/", name="rapporter:arsredovisning")

    @task(2)
    def resultatrakning(self):
        self.client.get(
            f"{F}/rapporter/arsredovisning/2013/resultatrakning/",
            name="rapporter:resultatrakning",
        )

    @task(1)
    def forbund(self):
        self.client.get(f"{F}/", name="forbund:start")

    @task(1)
    def insatser(self):
        self.client.get(f"{F}/insatser/", name="insatser:insats-list")


# Latency of the work itself, logins excluded: a login is one deliberately slow password
# hash (PBKDF2, ~1 s of CPU per attempt) made once per user at the start.
_tider: list[float] = []
_fel = [0]


@events.request.add_listener
def _matt(request_type, name, response_time, exception, **kwargs):
    if name.startswith("login"):
        return
    with _lock:
        _tider.append(response_time)
        if exception is not None:
            _fel[0] += 1


def _percentil(varden: list[float], p: float) -> float:
    if not varden:
        return 0.0
    s = sorted(varden)
    return s[min(len(s) - 1, int(round(p / 100 * len(s) + 0.5)) - 1)]


@events.test_stop.add_listener
def _spara(environment, **kwargs):
    if UT:
        with open(UT, "w", encoding="utf-8") as f:
            json.dump(
                {
                    "bokforing": _status["bokforing"],
                    "texter": _bokforda,
                    "antal": len(_tider),
                    "fel": _fel[0],
                    "p50": _percentil(_tider, 50),
                    "p95": _percentil(_tider, 95),
                    "p99": _percentil(_tider, 99),
                    "max": max(_tider, default=0.0),
                },
                f,
            )
