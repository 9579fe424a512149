#!/usr/bin/env python3
"""SiteAssist benchmark orchestrator (standard library only). Started by benchmarks/run.sh, which
builds the jars, checks the tools and stops whatever is left on exit; run it through run.sh.

For each mode (embedded H2 file, postgres; axonserver when AXON_SERVER_ADDRESS names an Axon Server
with an empty context) on a fresh database:
  1. start the service on the empty database (Flyway creates the schema) and measure the list
     queries there (the "empty database" baselines); stop it;
  2. seed N ConversationStartedEvents (benchmarks' EventSeeder: JDBC batches into the event store's
     table, or append transactions to Axon Server);
  3. start the service again: its processors build the read model from the N events (catch-up,
     events/s); then reset the conversations processor through the actuator (replay, events/s);
  4. list queries at N conversations; GET conversation vs GET /bench/ping; send message vs the CRUD
     baseline; projection lag p99 after the send load; peak RSS of the service;
  5. stop the service, drop the database.
Then docs/benchmarks.md is written from results.json (``bench.py --report results.json`` rewrites
it from a saved run).
"""

import argparse
import base64
import datetime as dt
import json
import os
import platform
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import traceback
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH_DIR = os.path.join(ROOT, "benchmarks")
WRK_DIR = os.path.join(BENCH_DIR, "wrk")
DOC = os.path.join(ROOT, "docs", "benchmarks.md")
CHANGES = os.path.join(BENCH_DIR, "changes.md")  # what changed between --before and now, by hand

PROJECT = "bench"
PK = "pk_bench"
SK = "sk_bench"
SEND_CONVERSATIONS = 50
SETUP_MESSAGES = 2
LIST_OFFSETS = range(0, 100, 10)  # the first ten pages of the project-wide list
LIST_VISITORS = 10  # the list of one visitor: the first ten seeded visitors, in turn
STEADY_CONNECTIONS = 8
STEADY_SHARE = 0.5  # the steady write load: this share of the measured send throughput
WRK_TIMEOUT = "30s"  # a slower answer counts as a timeout (an error), not in the latencies
LAG_WINDOW_S = 200  # the service's registry keeps percentiles ~1 min and MAX ~3 min after a sample
AXON_SERVER_ENV = "AXON_SERVER_ADDRESS"  # host:port (gRPC) of the Axon Server of axonserver mode
AXON_CONTEXT_ENV = "AXON_SERVER_CONTEXT"  # its context (default "default"), as for the service
AXON_TOKEN_ENV = "AXON_SERVER_TOKEN"  # its access token, when access control is on
MODES = ("embedded", "postgres", "axonserver")

TARGETS = {
    "get_ratio": 0.70,
    "send_ratio": 0.50,
    "list_p99_ms": 20.0,
    "replay_eps": 20000.0,
    "lag_p99_ms": 50.0,
    "rss_mb": 512.0,
}


def log(message):
    stamp = dt.datetime.now().strftime("%H:%M:%S")
    try:
        print(f"[bench {stamp}] {message}", flush=True)
    except OSError:  # stdout gone (the terminal or tee was closed): carry on, clean up
        pass


class BenchError(Exception):
    pass


class StoreNotEmpty(BenchError):
    """The seeder refused an event store that already holds events (--require-empty)."""

    def __init__(self, events):
        super().__init__(f"the event store holds {events} events")
        self.events = events


# ---------------------------------------------------------------------------------------------
# bookkeeping shared with run.sh's EXIT trap: every pid and database this run creates


class Ledger:
    def __init__(self, run_dir):
        self.pids_file = os.path.join(run_dir, "pids")
        self.dbs_file = os.path.join(run_dir, "databases")

    def _append(self, path, line):
        with open(path, "a") as f:
            f.write(f"{line}\n")

    def pid(self, pid):
        self._append(self.pids_file, pid)

    def database(self, name):
        self._append(self.dbs_file, name)


# ---------------------------------------------------------------------------------------------
# HTTP


def http(method, url, body=None, token=None, timeout=30, content_type="application/json"):
    data = None
    headers = {}
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers["Content-Type"] = content_type
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def http_json(method, url, body=None, token=None, timeout=30, expect=(200,)):
    status, raw = http(method, url, body, token, timeout)
    if status not in expect:
        raise BenchError(f"{method} {url} answered {status}: {raw[:300]!r}")
    return json.loads(raw) if raw else None


def parse_env(text):
    """NAME=value pairs, separated by spaces (the --service-env option)."""
    out = {}
    for item in shlex.split(text or ""):
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise argparse.ArgumentTypeError(f"not NAME=value: {item}")
        out[name] = value
    return out


def expand_jvm_options(text):
    """The JVM options with any @argfile replaced by its options (comments dropped)."""
    out = []
    for item in shlex.split(text):
        if item.startswith("@"):
            path = os.path.join(ROOT, item[1:])
            try:
                with open(path) as f:
                    for line in f:
                        out += shlex.split(line.split("#", 1)[0])
            except OSError:
                out.append(item)
        else:
            out.append(item)
    return " ".join(out)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------------------------
# the service process


class Service:
    def __init__(self, args, mode, db_url, log_path, ledger):
        self.mode = mode
        self.port = free_port()
        self.mport = free_port()
        self.log_path = log_path
        self.ledger = ledger
        self.proc = None
        self.rss_max_kb = 0
        self._sampling = False
        self.min_free_bytes = args.min_free_disk_gb * 1024**3
        self.disk_full = False
        key = base64.b64encode(os.urandom(32)).decode()
        profiles = f"{mode},benchmark"
        self.extra_env = parse_env(args.service_env)
        self.env = {**os.environ, **self.extra_env}
        self.cmd = [
            "java",
            *shlex.split(args.jvm_options),
            "-jar",
            args.jar,
            f"--spring.profiles.active={profiles}",
            f"--spring.datasource.url={db_url}",
            f"--server.port={self.port}",
            f"--management.server.port={self.mport}",
            "--management.endpoints.web.exposure.include=health,info,metrics,projections",
            f"--siteassist.session.signing-key={key}",
            f"--siteassist.projects[0].id={PROJECT}",
            f"--siteassist.projects[0].publishable-keys[0]={PK}",
            f"--siteassist.projects[0].secret-keys[0]={SK}",
        ]
        if mode in ("postgres", "axonserver"):
            self.cmd.append("--spring.datasource.username=postgres")
        if mode == "axonserver":
            axon = axon_server()
            self.cmd += [f"--axon.axonserver.servers={axon['servers']}",
                         f"--axon.axonserver.context={axon['context']}"]
            if os.environ.get(AXON_TOKEN_ENV):
                self.cmd.append(f"--axon.axonserver.token={os.environ[AXON_TOKEN_ENV]}")

    @property
    def api(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def mgmt(self):
        return f"http://127.0.0.1:{self.mport}"

    def start(self, timeout=240):
        log(f"starting the service ({self.mode}), log {os.path.relpath(self.log_path, ROOT)}")
        out = open(self.log_path, "ab")
        env_note = " ".join(f"{k}={v}" for k, v in self.extra_env.items())
        out.write(("# " + (env_note + " " if env_note else "")
                   + " ".join(shlex.quote(c) for c in self.cmd) + "\n").encode())
        out.flush()
        self.started_at = time.monotonic()
        # a session of its own: a Ctrl-C on the harness does not kill it mid-run; stop() does
        self.proc = subprocess.Popen(
            self.cmd, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True,
            env=self.env,
        )
        out.close()
        self.ledger.pid(self.proc.pid)
        self._sampling = True
        threading.Thread(target=self._sample_rss, daemon=True).start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BenchError(
                    f"the service exited with {self.proc.returncode} during start-up; see {self.log_path}"
                )
            try:
                status, _ = http("GET", self.api + "/bench/ping", timeout=2)
                if status == 404:
                    raise BenchError(
                        "GET /bench/ping answered 404: this jar has no benchmark support"
                        " (profile 'benchmark'); rebuild it"
                    )
                if status == 200:
                    pstatus, _ = http("GET", self.mgmt + "/actuator/projections", timeout=5)
                    if pstatus == 200:
                        log(f"service up after {time.monotonic() - self.started_at:.1f} s"
                            f" (pid {self.proc.pid}, port {self.port}, management {self.mport})")
                        return
                    if pstatus == 404:
                        raise BenchError("GET /actuator/projections answered 404")
            except (urllib.error.URLError, ConnectionError, socket.timeout, OSError):
                pass
            time.sleep(0.25)
        raise BenchError(f"the service did not start within {timeout} s; see {self.log_path}")

    def _sample_rss(self):
        while self._sampling and self.proc and self.proc.poll() is None:
            status = self.proc_status()
            if status.get("VmRSS"):
                self.rss_max_kb = max(self.rss_max_kb, status["VmRSS"])
            free = shutil.disk_usage(ROOT).free
            if free < self.min_free_bytes and not self.disk_full:
                # an H2 file can grow by tens of GB under this load: stop before the disk is full
                self.disk_full = True
                log(f"  DISK GUARD: only {free / 1024**3:.1f} GB free: killing the service (pid {self.proc.pid})")
                self.proc.kill()
            time.sleep(0.5)

    def cpu_seconds(self):
        """User + system CPU time of the service process so far."""
        try:
            with open(f"/proc/{self.proc.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            return 0.0

    def settle(self, limit=90, idle_cores=0.15, window=2.0):
        """Waits (at most limit s) until the service uses less than idle_cores of CPU."""
        t0 = time.monotonic()
        while time.monotonic() - t0 < limit:
            c0 = self.cpu_seconds()
            time.sleep(window)
            if (self.cpu_seconds() - c0) / window < idle_cores:
                break
        waited = time.monotonic() - t0
        if waited > window * 1.5:
            log(f"  waited {waited:.0f} s for the service to go idle")
        return waited

    def proc_status(self):
        result = {}
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    key, _, value = line.partition(":")
                    if key in ("VmRSS", "VmHWM"):
                        result[key] = int(value.split()[0])
        except (OSError, ValueError):
            pass
        return result

    def stop(self, timeout=60):
        if self.proc is None or self.proc.poll() is not None:
            self._sampling = False
            return
        log(f"stopping the service (pid {self.proc.pid})")
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            log("the service did not stop within 60 s: SIGKILL")
            self.proc.kill()
            self.proc.wait(30)
        self._sampling = False

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def projections(self):
        return http_json("GET", self.mgmt + "/actuator/projections", timeout=60)

    def metric(self, name, *tags):
        query = "&".join(f"tag={t}" for t in tags)
        try:
            status, raw = http("GET", f"{self.mgmt}/actuator/metrics/{name}?{query}", timeout=30)
        except (urllib.error.URLError, OSError) as e:
            log(f"  WARNING reading the metric {name} failed: {e}")
            return None
        if status != 200:
            return None
        return {m["statistic"]: m["value"] for m in json.loads(raw)["measurements"]}


# ---------------------------------------------------------------------------------------------
# wrk


class Wrk:
    def __init__(self, args, out_dir, ledger):
        self.service = None
        self.args = args
        self.out_dir = out_dir
        self.ledger = ledger
        self.runs = 0

    def run(self, name, script, base, paths, token, duration, measured=True, env_extra=None,
            connections=None):
        paths_file = os.path.join(self.out_dir, f"paths-{name}.txt")
        with open(paths_file, "w") as f:
            f.write("\n".join(paths) + "\n")
        cmd = [
            "wrk",
            f"-t{self.args.threads}",
            f"-c{connections or self.args.connections}",
            f"-d{duration}",
            "--timeout",
            WRK_TIMEOUT,
            "--latency",
            "-s",
            os.path.join(WRK_DIR, script),
            base + "/",
        ]
        env = dict(os.environ, BENCH_PATHS_FILE=paths_file, BENCH_TOKEN=token or "", **(env_extra or {}))
        label = "measure" if measured else "warm-up"
        cpu0 = self.service.cpu_seconds() if self.service else None
        machine0 = machine_jiffies()
        self.runs += 1
        out_path = os.path.join(self.out_dir, f"wrk-{self.runs:02d}-{name}{'' if measured else '-warmup'}.txt")
        log(f"wrk {label} {name}: {' '.join(cmd[1:6])}")
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.ledger.pid(proc.pid)
        try:
            out, _ = proc.communicate(timeout=parse_seconds(duration) + 90)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        text = out.decode(errors="replace")
        machine1 = machine_jiffies()
        cpu1 = self.service.cpu_seconds() if self.service else None
        with open(out_path, "w") as f:
            f.write(f"# {' '.join(shlex.quote(c) for c in cmd)}\n# paths: {paths_file}\n{text}")
        if proc.returncode != 0:
            raise BenchError(f"wrk {name} failed ({proc.returncode}): {text[-500:]}")
        m = re.search(r"^BENCH_JSON (\{.*\})$", text, re.M)
        if not m:
            raise BenchError(f"wrk {name}: no BENCH_JSON line in its output")
        data = json.loads(m.group(1))
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
        secs = data["duration_us"] / 1e6
        lat = data["latency_us"]
        result = {
            "name": name,
            "requests": data["requests"],
            "seconds": secs,
            "rps": data["requests"] / secs if secs else 0.0,
            "p50_ms": lat["p50"] / 1000,
            "p90_ms": lat["p90"] / 1000,
            "p99_ms": lat["p99"] / 1000,
            "max_ms": lat["max"] / 1000,
            "mean_ms": lat["mean"] / 1000,
            "non2xx": int(non2xx.group(1)) if non2xx else 0,
            "socket_errors": data["connect_errors"] + data["read_errors"] + data["write_errors"]
            + data["timeouts"],
            "raw": os.path.relpath(out_path, ROOT),
        }
        if cpu0 is not None and secs:
            result["service_cpu_cores"] = (cpu1 - cpu0) / secs
            if data["requests"]:
                result["service_cpu_us_per_request"] = (cpu1 - cpu0) / data["requests"] * 1e6
        if machine0 and machine1 and machine1[0] > machine0[0]:
            result["machine_busy_pct"] = 100.0 * (1 - (machine1[1] - machine0[1]) / (machine1[0] - machine0[0]))
        if measured:
            log(f"  {name}: {result['rps']:.0f} req/s, p50 {result['p50_ms']:.2f} ms,"
                f" p99 {result['p99_ms']:.2f} ms, non-2xx {result['non2xx']},"
                f" socket errors {result['socket_errors']}")
        return result

    def rounds(self, name, script, base, paths, token):
        """A short warm-up, then --rounds measured runs of the same request, once the service is idle."""
        settle = self.service.settle() if self.service else 0.0
        warm = self.run(name, script, base, paths, token, self.args.warmup, measured=False)
        runs = [self.run(name, script, base, paths, token, self.args.duration)
                for _ in range(self.args.rounds)]
        return summarize(runs, settle_s=settle, warmup=warm)

    def pairs(self, base_spec, figure_spec, base, token_base, token_figure):
        """A figure and its baseline, measured in alternation (baseline first, --rounds times each) so
        that a drift of the shared machine hits both alike; the ratio is the median of the rounds'."""
        settle = self.service.settle() if self.service else 0.0
        (bname, bscript, bpaths), (fname, fscript, fpaths) = base_spec, figure_spec
        bwarm = self.run(bname, bscript, base, bpaths, token_base, self.args.warmup, measured=False)
        fwarm = self.run(fname, fscript, base, fpaths, token_figure, self.args.warmup, measured=False)
        b_runs, f_runs = [], []
        for _ in range(self.args.rounds):
            b_runs.append(self.run(bname, bscript, base, bpaths, token_base, self.args.duration))
            f_runs.append(self.run(fname, fscript, base, fpaths, token_figure, self.args.duration))
        ratios = [f["rps"] / b["rps"] if b["rps"] else 0.0 for b, f in zip(b_runs, f_runs)]
        baseline = summarize(b_runs, settle_s=settle, warmup=bwarm)
        figure = summarize(f_runs, settle_s=settle, warmup=fwarm)
        figure["ratios"] = ratios
        figure["ratio"] = median(ratios)
        log(f"  {fname} / {bname}: {', '.join(f'{x * 100:.0f} %' for x in ratios)}"
            f" (median {figure['ratio'] * 100:.0f} %)")
        return baseline, figure


def median(values):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def summarize(runs, settle_s=0.0, warmup=None):
    """The median run of several (throughput, latencies, CPU), with every run kept beside it."""
    out = {"runs": runs, "settle_s": settle_s, "rounds": len(runs)}
    for key in ("rps", "p50_ms", "p90_ms", "p99_ms", "mean_ms", "service_cpu_cores",
                "service_cpu_us_per_request", "machine_busy_pct"):
        out[key] = median([r.get(key) for r in runs])
    out["max_ms"] = max(r["max_ms"] for r in runs)
    for key in ("requests", "non2xx", "socket_errors"):
        out[key] = sum(r[key] for r in runs)
    if warmup:
        out["warmup_requests"] = warmup["requests"]
        out["warmup_ok"] = warmup["requests"] - warmup["non2xx"]
    return out


def machine_jiffies():
    """(total, idle) jiffies of all CPUs, from /proc/stat."""
    try:
        with open("/proc/stat") as f:
            values = [int(v) for v in f.readline().split()[1:]]
        return sum(values), values[3] + values[4]
    except (OSError, ValueError, IndexError):
        return None


def parse_seconds(text):
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([smh]?)", str(text).strip())
    if not m:
        raise argparse.ArgumentTypeError(f"not a duration: {text}")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[m.group(2)]


# ---------------------------------------------------------------------------------------------
# one mode


class ModeRun:
    def __init__(self, args, mode, run_dir, ledger, stamp):
        self.args = args
        self.mode = mode
        self.ledger = ledger
        self.out = os.path.join(run_dir, mode)
        self.out_rel = os.path.relpath(self.out, ROOT)
        os.makedirs(self.out, exist_ok=True)
        self.wrk = Wrk(args, self.out, ledger)
        self.scale = mode_scale(args, mode)
        self.result = {"mode": mode, "scale": self.scale, "visitors": args.visitors, "notes": []}
        self.service = None
        self.db_name = None
        if mode == "embedded":
            self.h2_dir = os.path.join(self.out, "h2")
            os.makedirs(self.h2_dir, exist_ok=True)
            # the embedded profile's URL options: H2 must not close itself at JVM exit under the
            # service, which closes it after draining (else "Database is already closed" errors)
            self.db_url = f"jdbc:h2:file:{self.h2_dir}/siteassist;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE"
            self.db_user, self.db_password = "sa", ""
        else:  # postgres; axonserver keeps its read models, tokens and dead letters there too
            self.db_name = f"siteassist_bench_{stamp}"
            self.db_url = f"jdbc:postgresql://127.0.0.1:5432/{self.db_name}"
            self.db_user, self.db_password = "postgres", ""

    def run(self):
        try:
            self._create_db()
            self._run()
            self.result["ok"] = True
        except Exception as e:  # the report says what failed; the other mode still runs
            if self.service and self.service.disk_full:
                e = BenchError(f"the disk's free space fell below {self.args.min_free_disk_gb} GB"
                               f" (database {fmt_num(self._db_size_mb())} MB): the service was stopped ({e})")
            log(f"{self.mode}: FAILED: {type(e).__name__}: {e}")
            log(traceback.format_exc())
            self.result["ok"] = False
            self.result["error"] = f"{type(e).__name__}: {e}"
        finally:
            if self.service:
                self.service.stop()
            self._scan_logs()
            self._drop_db()
        return self.result

    # -- database ------------------------------------------------------------------------------

    def _create_db(self):
        if self.db_name:
            self.ledger.database(self.db_name)
            subprocess.run(
                ["createdb", "-h", "127.0.0.1", "-U", "postgres", self.db_name], check=True
            )
            log(f"created database {self.db_name}")

    def _db_size_mb(self):
        """The database's size on disk: the H2 directory, or pg_database_size."""
        if self.mode == "embedded":
            total = 0
            for dirpath, _, files in os.walk(self.h2_dir):
                total += sum(os.path.getsize(os.path.join(dirpath, f)) for f in files)
            return total / 1024 / 1024
        out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", self.db_name, "-tAc",
                              "SELECT pg_database_size(current_database())"],
                             capture_output=True, text=True, timeout=60)
        return int(out.stdout.strip()) / 1024 / 1024 if out.stdout.strip() else None

    def _drop_db(self):
        if self.mode == "embedded" and not self.args.keep_db and os.path.isdir(self.h2_dir):
            shutil.rmtree(self.h2_dir, ignore_errors=True)
            log(f"deleted the H2 database {os.path.relpath(self.h2_dir, ROOT)}")
        if self.db_name and not self.args.keep_db:
            subprocess.run(
                ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", self.db_name],
                check=False,
            )
            log(f"dropped database {self.db_name}")

    def _new_service(self, phase):
        log_path = os.path.join(self.out, f"service-{phase}.log")
        self.result.setdefault("service_logs", []).append(os.path.relpath(log_path, ROOT))
        return Service(self.args, self.mode, self.db_url, log_path, self.ledger)

    # -- the run -------------------------------------------------------------------------------

    def _run(self):
        r = self.result
        visitors_file = os.path.join(self.out, "visitors.txt")
        self._seeder(["--visitors-only", "true", "--visitors-out", visitors_file,
                      "--conversations", str(self.scale)])
        with open(visitors_file) as f:
            visitors = [line.strip() for line in f if line.strip()][:LIST_VISITORS]
        r["list_visitors"] = visitors
        if self.mode == "axonserver":
            r["axonserver"] = axon_server()
            self._require_empty_axon_server()
        # several pages and several visitors, in turn: H2 answers a query repeated with the same
        # parameters from its result cache, which would measure the cache, not the query
        list_paths = {
            "list-project": [f"/v2/conversations?limit=10&offset={o}" for o in LIST_OFFSETS],
            "list-visitor": [f"/v2/conversations?limit=10&visitorId={v}" for v in visitors],
        }

        # 1. empty database: schema, and the list baselines (after the same warm-up as at scale)
        self.service = self._new_service("1-empty")
        self.service.start()
        self.wrk.service = self.service
        for name, paths in list_paths.items():
            self._check_list(paths[0], expected_total=0)
        self._warm_up({name: ("get.lua", paths, SK) for name, paths in list_paths.items()})
        for name, paths in list_paths.items():
            r[f"{name}-empty"] = self.wrk.rounds(f"{name}-empty", "get.lua", self.service.api, paths, SK)
        r["rss_empty_phase"] = self._rss()
        self.service.stop()
        self.service = None

        # 2. seed the events
        log(f"seeding {self.scale} conversations / {self.args.visitors} visitors")
        t0 = time.monotonic()
        seed_out = self._seeder(self._seed_target() + ["--conversations", str(self.scale)])
        r["seed_seconds"] = time.monotonic() - t0
        r["seed_output"] = next((l for l in seed_out.splitlines() if l.startswith("seeded ")), "")
        r["db_size_seeded_mb"] = self._db_size_mb()

        # 3. catch-up, then replay
        self.service = self._new_service("2-seeded")
        self.service.start()
        self.wrk.service = self.service
        r["catchup"] = self._catch_up()
        self.last_unrelated_lag_sample = time.monotonic()  # the catch-up's events: months of "lag"
        r["db_size_caughtup_mb"] = self._db_size_mb()
        r["lag_after_catchup"] = self.service.metric("siteassist.projection.lag", "processor:conversations")
        r["replay"] = self._replay()
        r["db_size_replayed_mb"] = self._db_size_mb()
        r["lag_after_replay"] = self.service.metric("siteassist.projection.lag", "processor:conversations")

        # 4. warm-up of every request measured below; the sends go to conversations of their own
        token, ids = self._conversations("bench-device", SETUP_MESSAGES)
        _, warm_ids = self._conversations("bench-warm-up-device", 0)
        conversation_paths = [f"/v2/conversations/{i}" for i in ids]
        send_paths = [f"/v2/conversations/{i}/messages" for i in ids]
        crud_paths = [f"/v2/bench/conversations/{i}/messages" for i in ids]
        self._warm_up({
            "list-project": ("get.lua", list_paths["list-project"], SK),
            "list-visitor": ("get.lua", list_paths["list-visitor"], SK),
            "ping": ("get.lua", ["/bench/ping"], None),
            "get-conversation": ("get.lua", conversation_paths, token),
            "crud-insert": ("post-message.lua", crud_paths, token),
            "send-message": ("post-message.lua", [f"/v2/conversations/{i}/messages" for i in warm_ids],
                             token),
        })

        # 5. GET conversation vs ping; send vs CRUD; each pair in alternation
        r["ping"], r["get"] = self.wrk.pairs(
            ("ping", "get.lua", ["/bench/ping"]),
            ("get-conversation", "get.lua", conversation_paths),
            self.service.api, None, token)
        self._wait_for_lag_window("the send-message runs")
        lag_before = self.service.metric("siteassist.projection.lag", "processor:conversations")
        r["crud"], r["send"] = self.wrk.pairs(
            ("crud-insert", "post-message.lua", crud_paths),
            ("send-message", "post-message.lua", send_paths),
            self.service.api, token, token)
        r["lag_saturated"] = self._lag(lag_before)
        self.last_unrelated_lag_sample = time.monotonic()

        # 6. list at scale (no events written: the lag window empties meanwhile); the project now
        # also holds the conversations started above for the sends
        for name, paths in list_paths.items():
            expected = self.scale + 2 * SEND_CONVERSATIONS if name == "list-project" else \
                expected_per_visitor(self.scale, self.args.visitors)
            r[f"{name}-total"] = self._check_list(paths[0], expected_total=expected)
            r[f"{name}-scale"] = self.wrk.rounds(f"{name}-scale", "get.lua", self.service.api, paths, SK)

        # 7. projection lag under a steady write load: half the send throughput measured above
        self._wait_for_lag_window("the steady write load")
        r["lag"] = self._steady_lag(send_paths, token, r["send"]["rps"])
        r["rss"] = self._rss()
        r["messages_sent_check"] = self._check_messages(token, ids)
        r["db_size_end_mb"] = self._db_size_mb()

    def _warm_up(self, requests):
        """Every request type in turn, --warmup-all each: the JIT compiles the paths before any
        measurement (on 2 cores it is still compiling a minute into a load)."""
        for name, (script, paths, token) in requests.items():
            self.wrk.run(name, script, self.service.api, paths, token, self.args.warmup_all,
                         measured=False)

    def _wait_for_lag_window(self, what):
        """The lag timer's percentiles cover about the last two minutes (MAX about three): wait
        until the samples of another load have left them."""
        wait = self.last_unrelated_lag_sample + LAG_WINDOW_S - time.monotonic()
        if wait > 0:
            log(f"waiting {wait:.0f} s so that the lag metric's window holds only {what}")
            time.sleep(wait)

    def _steady_lag(self, paths, token, send_rps):
        connections = STEADY_CONNECTIONS
        rate = max(1.0, send_rps * STEADY_SHARE)
        interval_ms = connections / rate * 1000
        self.service.settle()
        before = self.service.metric("siteassist.projection.lag", "processor:conversations")
        log(f"steady write load: {connections} connections, one message every {interval_ms:.1f} ms"
            f" each (aiming at {rate:.0f} messages/s, {STEADY_SHARE * 100:.0f} % of the send throughput)")
        run = self.wrk.run("send-message-steady", "post-message-paced.lua", self.service.api, paths,
                           token, self.args.lag_duration, env_extra={"BENCH_INTERVAL_MS": f"{interval_ms:.3f}"},
                           connections=connections)
        result = self._lag(before)
        result.update({"target_rate": rate, "run": run})
        return result

    def _seed_target(self):
        """The seeder's options naming this mode's event store."""
        if self.mode == "axonserver":
            axon = axon_server()
            return ["--axonserver", axon["servers"], "--context", axon["context"],
                    "--require-empty", "true"]
        return ["--url", self.db_url, "--user", self.db_user, "--password", self.db_password]

    def _require_empty_axon_server(self):
        """axonserver mode needs a context without events: the list baselines need an empty read
        model, and every figure exactly the seeded events. A fresh database is the harness's to
        make; a fresh Axon Server context is not."""
        axon = axon_server()
        try:
            self._seeder(self._seed_target() + ["--conversations", "0"])
        except StoreNotEmpty as e:
            raise BenchError(
                f"the Axon Server context '{axon['context']}' at {axon['servers']} already holds"
                f" {e.events} events; axonserver mode needs an empty one."
                f" Start a fresh Axon Server (docker compose down -v && docker compose up -d axonserver),"
                f" purge its events in development mode, or name an empty context in {AXON_CONTEXT_ENV}"
            ) from None

    def processed(self, position):
        """How many events lie up to a processor position: JDBC global indexes count from 1,
        Axon Server tokens from 0 (-1: none)."""
        return max(position + (1 if self.mode == "axonserver" else 0), 0)

    def _seeder(self, extra):
        cp = os.pathsep.join([os.path.join(BENCH_DIR, "target", "benchmarks.jar"),
                              os.path.join(BENCH_DIR, "target", "lib", "*")])
        cmd = ["java", "-Xmx512m", "-Daxon.axonserver.suppressDownloadMessage=true", "-cp", cp,
               "io.siteassist.benchmarks.EventSeeder",
               "--visitors", str(self.args.visitors), "--project", PROJECT] + extra
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT)
        self.ledger.pid(proc.pid)
        out, _ = proc.communicate()
        text = out.decode(errors="replace")
        with open(os.path.join(self.out, "seeder.log"), "a") as f:
            f.write(f"# {' '.join(shlex.quote(c) for c in cmd)}\n{text}\n")
        if proc.returncode == 3:  # --require-empty: the store holds events, its last line says how many
            raise StoreNotEmpty(int(text.strip().splitlines()[-1]))
        if proc.returncode != 0:
            lines = [l.strip() for l in text.splitlines() if l.strip() and not l.startswith("\tat ")]
            cause = next((l for l in lines if l.startswith("Exception in thread")), None)
            raise BenchError(f"the seeder failed ({proc.returncode}): "
                             f"{cause or ' / '.join(lines[-3:])} (its output: {self.out_rel}/seeder.log)")
        for line in text.strip().splitlines()[-1:]:
            log(f"  seeder: {line}")
        return text

    def _check_list(self, path, expected_total):
        page = http_json("GET", self.service.api + path, token=SK)
        total = page.get("total")
        if total != expected_total:
            note = f"{path}: total {total}, expected {expected_total}"
            log(f"  WARNING {note}")
            self.result["notes"].append(note)
        return total

    def _catch_up(self):
        """The processors build the read model from the seeded events: events/s of that."""
        svc = self.service
        first = None
        last_log = 0
        deadline = time.monotonic() + self.args.max_wait
        while time.monotonic() < deadline:
            now = time.monotonic()
            p = svc.projections()
            conv, vis, head = p["conversations"], p.get("visitors", {}), p["head"]
            if first is None:
                first = (now, conv["position"], head)
                log(f"catch-up: conversations at {conv['position']} of head {head}"
                    f" ({now - svc.started_at:.1f} s after start)")
            if done(conv, head) and done(vis, head):
                t0, pos0, _ = first
                secs = now - t0
                events = self.processed(head) - self.processed(pos0)
                result = {
                    "head": head,
                    "first_seen_position": pos0,
                    "seconds": secs,
                    "events": events,
                    "eps": events / secs if secs > 0 else None,
                    "seconds_since_start": now - svc.started_at,
                    "eps_since_start": self.processed(head) / (now - svc.started_at),
                    "dead_letters": conv.get("deadLetterSequences"),
                }
                log(f"catch-up done: {events} events in {secs:.1f} s"
                    f" = {fmt_num(result['eps'])} events/s"
                    f" (whole start to caught up: {result['seconds_since_start']:.1f} s)")
                return result
            if now - last_log > 15:
                last_log = now
                log(f"  conversations {conv['position']} / {head},"
                    f" visitors {vis.get('position')} / {head}")
            time.sleep(0.5)
        raise BenchError(f"the processors did not catch up within {self.args.max_wait} s")

    def _replay(self):
        svc = self.service
        head = svc.projections()["head"]
        log(f"replay: resetting the conversations processor (head {head})")
        t0 = time.monotonic()
        status, raw = http("POST", svc.mgmt + "/actuator/projections/conversations", body={},
                           timeout=self.args.max_wait)
        t_reset = time.monotonic()
        if status not in (200, 204):
            raise BenchError(f"POST /actuator/projections/conversations answered {status}: {raw[:300]!r}")
        seen_running = False
        deadline = t0 + self.args.max_wait
        last_log = 0
        while time.monotonic() < deadline:
            now = time.monotonic()
            conv = svc.projections()["conversations"]
            # Not done(): Axon keeps a segment's ReplayToken (replaying=true) until an event past
            # the token at reset arrives, so with no new event "replaying" stays true at the head.
            if not replay_done(conv, head):
                seen_running = True
            elif seen_running or now - t_reset > 10:
                if not seen_running:
                    self.result["notes"].append("replay: never seen in progress (finished between polls?)")
                self.result["replay_flag_at_end"] = conv.get("replaying")
                secs = now - t0
                events = self.processed(head)
                result = {
                    "events": events,
                    "reset_seconds": t_reset - t0,
                    "seconds": secs,
                    "eps": events / secs,
                    "eps_after_reset": events / (now - t_reset) if now > t_reset else None,
                    "dead_letters": conv.get("deadLetterSequences"),
                }
                log(f"replay done: {events} events in {secs:.1f} s (reset call {result['reset_seconds']:.1f} s)"
                    f" = {fmt_num(result['eps'])} events/s")
                return result
            if now - last_log > 15:
                last_log = now
                log(f"  replaying: conversations {conv['position']} / {head}")
            time.sleep(0.1)
        raise BenchError(f"the replay did not finish within {self.args.max_wait} s")

    def _conversations(self, device, messages):
        api = self.service.api
        init = http_json("POST", api + "/v2/identity/init", {"apiKey": PK, "saVid": device},
                         expect=(200, 201))
        token = init["sessionToken"]
        ids = []
        for _ in range(SEND_CONVERSATIONS):
            conv = http_json("POST", api + "/v2/conversations", {}, token=token, expect=(201,))
            ids.append(conv["id"])
            for k in range(messages):
                status, raw = http("POST", f"{api}/v2/conversations/{conv['id']}/messages",
                                   {"content": f"setup message {k}"}, token)
                if status != 202:
                    raise BenchError(f"send message answered {status}: {raw[:300]!r}")
        log(f"started {len(ids)} conversations of visitor '{device}', {messages} messages each")
        return token, ids

    def _check_messages(self, token, ids):
        """Read-your-writes sanity: the messages of the conversations after the loads."""
        total = 0
        for i in ids:
            page = http_json("GET", f"{self.service.api}/v2/conversations/{i}/messages", token=token)
            total += len(page["data"])
        return total

    def _lag(self, before):
        """p50/p99 of the lag timer's window (the load just run, see _wait_for_lag_window), its mean
        over the run from COUNT and TOTAL_TIME."""
        svc = self.service
        tag = "processor:conversations"
        p99 = svc.metric("siteassist.projection.lag.percentile", tag, "phi:0.99")
        p50 = svc.metric("siteassist.projection.lag.percentile", tag, "phi:0.5")
        after = svc.metric("siteassist.projection.lag", tag)
        result = {
            "p99_ms": p99["VALUE"] * 1000 if p99 else None,
            "p50_ms": p50["VALUE"] * 1000 if p50 else None,
            "max_ms": after["MAX"] * 1000 if after else None,
        }
        if after and before:
            n = after["COUNT"] - before["COUNT"]
            result["events"] = n
            result["mean_ms"] = (after["TOTAL_TIME"] - before["TOTAL_TIME"]) / n * 1000 if n else None
        if result["p99_ms"] is None:
            self.result["notes"].append("projection lag metric not found")
        log(f"projection lag (conversations): p50 {fmt_ms(result['p50_ms'])}, p99 {fmt_ms(result['p99_ms'])},"
            f" max {fmt_ms(result['max_ms'])}, mean over the run {fmt_ms(result.get('mean_ms'))}")
        return result

    def _rss(self):
        status = self.service.proc_status()
        result = {
            "vmhwm_mb": status.get("VmHWM", 0) / 1024,
            "vmrss_mb": status.get("VmRSS", 0) / 1024,
            "sampled_max_mb": self.service.rss_max_kb / 1024,
        }
        log(f"RSS: peak (VmHWM) {result['vmhwm_mb']:.0f} MB, now {result['vmrss_mb']:.0f} MB")
        return result

    def _scan_logs(self):
        errors, warns, samples = 0, 0, []
        for rel in self.result.get("service_logs", []):
            path = os.path.join(ROOT, rel)
            if not os.path.exists(path):
                continue
            with open(path, errors="replace") as f:
                for line in f:
                    if re.search(r"\bERROR\b", line):
                        errors += 1
                        msg = re.sub(r"^\S+\s+ERROR\s+\d+\s+---\s+", "", line.strip())
                        if len(samples) < 8 and msg[:160] not in [s[:160] for s in samples]:
                            samples.append(msg[:400])
                    elif re.search(r"\bWARN\b", line):
                        warns += 1
        self.result["log_errors"] = errors
        self.result["log_warnings"] = warns
        self.result["log_error_samples"] = samples


def done(status, head):
    return (
        bool(status)
        and not status.get("replaying")
        and status.get("caughtUp")
        and status.get("position", -1) >= head
    )


def axon_server():
    """The Axon Server of axonserver mode, from the environment (as the service reads it)."""
    return {"servers": os.environ.get(AXON_SERVER_ENV, "").strip(),
            "context": os.environ.get(AXON_CONTEXT_ENV, "").strip() or "default"}


def mode_scale(args, mode):
    return getattr(args, f"scale_{mode}", None) or args.scale


def replay_done(status, head):
    return bool(status) and status.get("caughtUp") and status.get("position", -1) >= head


def expected_per_visitor(scale, visitors):
    return scale // visitors + (1 if scale % visitors > 0 else 0)


def fmt_num(v, digits=0):
    if v is None:
        return "–"
    return f"{v:,.{digits}f}".replace(",", " ")


def jvm_settings(a):
    """How the service was started, for the report (runs from before these options: -Xmx only)."""
    if "jvm_options" not in a:
        return f"`-Xmx{a.get('xmx', '?')}`"
    flags = a.get("jvm_flags") or a["jvm_options"]
    env = a.get("service_env")
    text = f"`{flags}`"
    if a["jvm_options"].startswith("@"):
        text += f" (`{a['jvm_options']}`)"
    if env:
        text += f" and `{env}`"
    return text


def fmt_ms(v):
    if v is None:
        return "–"
    return f"{v:.1f} ms" if v >= 10 else f"{v:.2f} ms"


# ---------------------------------------------------------------------------------------------
# machine, commit


def machine_info():
    info = {"cores": os.cpu_count(), "platform": platform.platform()}
    try:
        with open("/proc/cpuinfo") as f:
            models = [l.split(":", 1)[1].strip() for l in f if l.startswith("model name")]
        info["cpu"] = models[0] if models else platform.processor()
    except OSError:
        info["cpu"] = platform.processor()
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    info["memory_gib"] = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    try:
        java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr
        info["java"] = " / ".join(l.strip() for l in java.strip().splitlines()[:2])
    except OSError:
        info["java"] = "?"
    try:
        wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
        info["wrk"] = (wrk.stdout + wrk.stderr).splitlines()[0].strip()
    except (OSError, IndexError):
        info["wrk"] = "?"
    try:
        pg = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "SHOW server_version"],
                            capture_output=True, text=True, timeout=10)
        info["postgres"] = pg.stdout.strip() or "?"
    except (OSError, subprocess.TimeoutExpired):
        info["postgres"] = "?"
    return info


def git_commit():
    """HEAD's commit, read from .git without running git."""
    git = os.path.join(ROOT, ".git")
    try:
        if os.path.isfile(git):  # a worktree: "gitdir: <path>"
            with open(git) as f:
                git = f.read().split(":", 1)[1].strip()
        with open(os.path.join(git, "HEAD")) as f:
            head = f.read().strip()
        if not head.startswith("ref:"):
            return head, None
        ref = head[4:].strip()
        path = os.path.join(git, ref)
        if os.path.exists(path):
            with open(path) as f:
                return f.read().strip(), ref
        packed = os.path.join(git, "packed-refs")
        if os.path.exists(packed):
            with open(packed) as f:
                for line in f:
                    parts = line.split()
                    if len(parts) == 2 and parts[1] == ref:
                        return parts[0], ref
        return "(no commit yet)", ref
    except OSError:
        return "(unknown)", None


# ---------------------------------------------------------------------------------------------
# the report


def met(ok):
    if ok is None:
        return "–"
    return "**met**" if ok else "**missed**"


def report(data):
    lines = []
    a = data["args"]
    m = data["machine"]
    lines += [
        "# Benchmarks",
        "",
        "Written by `benchmarks/run.sh` on every run (do not edit by hand; rerun the harness).",
        "",
        "## This run",
        "",
        f"- **Date:** {data['date']}",
        f"- **{'Harness commit' if data.get('jar_commit') else 'Commit'}:** `{data['commit'][0]}`"
        + (f" ({data['commit'][1]}; the working tree may differ)" if data["commit"][1] else "")
        + (f"; the service jar was built from commit `{data['jar_commit']}` (`--jar`)"
           if data.get("jar_commit") else ""),
        f"- **Command:** `{data['command']}`",
        f"- **Machine:** {m['cores']} cores ({m.get('cpu', '?')}), {m.get('memory_gib', 0):.1f} GiB memory,"
        f" {m['platform']}",
        f"- **Java:** {m['java']}; service started with {jvm_settings(a)}",
        f"- **PostgreSQL:** {m.get('postgres', '?')} (local, 127.0.0.1); **H2:** file mode, `WRITE_DELAY=0`",
        *[f"- **Axon Server** (`axonserver` mode): {x['axonserver']['servers']}, context"
          f" `{x['axonserver']['context']}` (events, commands and queries); read models in PostgreSQL"
          for x in data["modes"] if x.get("axonserver")],
        *[f"- **Not run:** `{mode}` mode: {why}" for mode, why in data.get("skipped", {}).items()],
        f"- **Load generator:** {m['wrk']}, a separate process on the same machine:"
        f" `-t{a['threads']} -c{a['connections']} -d{a['duration']} --timeout {WRK_TIMEOUT} --latency`,"
        f" {a.get('rounds', 1)} measured runs of every figure and of its baseline, in alternation, after a"
        f" `-d{a['warmup']}` warm-up of each; before any of them, every request type ran for"
        f" {a.get('warmup_all', '–')} in the same service process (JIT warm-up)",
        "- **Scale:** " + "; ".join(
            f"`{m['mode']}` {fmt_num(m['scale'])} conversations" for m in data["modes"])
        + f", {fmt_num(a['visitors'])} visitors"
        + ("" if all(m["scale"] >= 1_000_000 for m in data["modes"]) else
           f" (**below** the 1 000 000 of the targets where smaller: {data.get('scale_note') or 'a smaller run'})"),
        f"- **Total time:** {data.get('elapsed_s', 0) / 60:.1f} min",
        "",
    ]
    for mode in data["modes"]:
        lines += mode_section(mode, a)
    if data.get("before"):
        lines += before_after_section(data["before"], data)
    lines += method_section(a)
    lines += [
        "## How to reproduce",
        "",
        "```bash",
        f"{data['command']}",
        "# the run above; without options: every mode at 1 000 000 conversations / 10 000 visitors",
        "benchmarks/run.sh",
        "AXON_SERVER_ADDRESS=localhost:8124 benchmarks/run.sh --mode axonserver   # an empty Axon Server context",
        "benchmarks/run.sh --mode embedded --scale 20000 --duration 10s   # a quick smoke run",
        "```",
        "",
        "It needs a JDK 17, Python 3, `wrk` (`apt-get install -y wrk`; run.sh installs it when run as"
        " root) and, for `postgres` mode, a PostgreSQL on 127.0.0.1:5432 that lets user `postgres` in"
        " without a password (`createdb`/`dropdb` on the PATH); `postgres` mode's database also holds"
        " `axonserver` mode's read models. `axonserver` mode runs when `AXON_SERVER_ADDRESS` names an"
        " Axon Server (gRPC `host:port`; `AXON_SERVER_CONTEXT`, default `default`, and"
        " `AXON_SERVER_TOKEN` as for the service) whose context holds no events yet: `docker compose up -d"
        " axonserver` starts one from this repository's compose file (`docker compose down -v` empties"
        " it again). It builds the jar and the seeder,"
        " runs every mode on a fresh database (a new H2 directory; a new PostgreSQL database"
        " `siteassist_bench_<timestamp>`, dropped at the end), keeps the raw wrk outputs, the seeder"
        " output and the service logs under `benchmarks/results/<timestamp>/` (gitignored), and"
        " rewrites this file. The service runs from a copy of its jar in that directory, so a rebuild"
        " during the run cannot swap it. Options: `--mode embedded|postgres|axonserver|all`, `--scale N`,"
        " `--scale-embedded N`, `--scale-postgres N` and `--scale-axonserver N` (one mode's scale),"
        " `--visitors N`,"
        " `--duration 20s`, `--rounds 3`, `--warmup 10s`, `--warmup-all 45s`, `--lag-duration 60s`,"
        " `--threads 2`, `--connections 16`, `--jvm-options @server/jvm.options` (the service's JVM options),"
        " `--service-env MALLOC_ARENA_MAX=2` (its environment), `--before RESULTS_JSON` (compare with the"
        " results.json of a run on an earlier commit),"
        " `--min-free-disk-gb 8` (a mode's service is stopped when the free disk falls below it: an H2"
        " file grew by GBs under this load before the service compacted it), `--keep-db`. The run above"
        " took the time given there.",
        "",
    ]
    return "\n".join(lines)


def mode_section(r, a):
    mode = r["mode"]
    out = [f"## Mode `{mode}`", ""]
    if not r.get("ok"):
        out += [f"**The run failed:** `{r.get('error')}`. Figures measured before the failure are below.", ""]
    scale_label = f"{r['scale']:,}".replace(",", " ")
    rows = []

    def wrk_row(figure, res, base, base_label, ratio_target=None, p99_target=None):
        if not res:
            rows.append([figure, "not measured", "", "", base_label, "", "", ""])
            return
        ratio = res.get("ratio")
        if ratio is None and base and base["rps"]:
            ratio = res["rps"] / base["rps"]
        baseline = (f"{base_label}: {fmt_num(base['rps'])} req/s, p50 {fmt_ms(base['p50_ms'])},"
                    f" p99 {fmt_ms(base['p99_ms'])}") if base else base_label
        if ratio_target is not None:
            target = f"≥ {ratio_target * 100:.0f} % of baseline"
            ok = ratio >= ratio_target if ratio is not None else None
        elif p99_target is not None:
            target = f"p99 < {p99_target:.0f} ms"
            ok = res["p99_ms"] < p99_target
            if r["scale"] < 1_000_000:
                target += f" (at 1 M; here {scale_label})"
        else:
            target, ok = "–", None
        ratio_text = f"{ratio * 100:.0f} %" if ratio is not None else "–"
        if res.get("ratios") and len(res["ratios"]) > 1:
            ratio_text += " (rounds: " + ", ".join(f"{x * 100:.0f}" for x in res["ratios"]) + ")"
        if p99_target is not None and base:
            ratio_text += f" (p99 ×{res['p99_ms'] / base['p99_ms']:.2f})" if base["p99_ms"] else ""
        errs = res["non2xx"] + res["socket_errors"]
        figure_text = figure + (f" ⚠ {errs} errors" if errs else "")
        rows.append([figure_text, fmt_num(res["rps"]), fmt_ms(res["p50_ms"]), fmt_ms(res["p99_ms"]),
                     baseline, ratio_text, target, met(ok)])

    wrk_row("GET conversation (`GET /v2/conversations/{id}`, visitor token)", r.get("get"), r.get("ping"),
            "trivial `GET /bench/ping`", ratio_target=TARGETS["get_ratio"])
    wrk_row("Send message (command → event → projection, read-your-writes)", r.get("send"), r.get("crud"),
            "CRUD insert (`POST /v2/bench/...`, JdbcClient)", ratio_target=TARGETS["send_ratio"])
    wrk_row(f"List conversations, project-wide (`sk_`, `limit=10`, pages 1–10) at {scale_label}",
            r.get("list-project-scale"), r.get("list-project-empty"), "same queries, empty database",
            p99_target=TARGETS["list_p99_ms"])
    wrk_row(f"List conversations of one visitor (`sk_` + `visitorId`, `limit=10`, 10 visitors) at {scale_label}",
            r.get("list-visitor-scale"), r.get("list-visitor-empty"), "same queries, empty database",
            p99_target=TARGETS["list_p99_ms"])
    c = r.get("catchup")
    if c:
        rows.append([f"Catch-up: the processors build the read model from {scale_label} seeded events",
                     f"{fmt_num(c['eps'])} events/s", "–", "–",
                     f"{c['events']:,} events in {c['seconds']:.1f} s".replace(",", " "), "–",
                     "(information)", "–"])
    rp = r.get("replay")
    if rp:
        ok = rp["eps"] >= TARGETS["replay_eps"]
        rows.append([f"Replay of the conversations projection ({rp['events']:,} events)".replace(",", " "),
                     f"{fmt_num(rp['eps'])} events/s", "–", "–",
                     f"{rp['seconds']:.1f} s from the reset request to caught up (the reset itself:"
                     f" {rp['reset_seconds']:.1f} s; after it: {fmt_num(rp['eps_after_reset'])} events/s)",
                     "–", "≥ 20 000 events/s", met(ok)])
    lag = r.get("lag")
    if lag:
        ok = lag["p99_ms"] < TARGETS["lag_p99_ms"] if lag.get("p99_ms") is not None else None
        run = lag.get("run") or {}
        rows.append([f"Projection lag (event timestamp → projection commit) under a steady write load"
                     f" ({STEADY_SHARE * 100:.0f} % of the send throughput)",
                     f"{fmt_num(run.get('rps'))} messages/s written",
                     fmt_ms(lag.get("p50_ms")), fmt_ms(lag.get("p99_ms")),
                     f"max {fmt_ms(lag.get('max_ms'))}, mean {fmt_ms(lag.get('mean_ms'))}"
                     f" over {fmt_num(lag.get('events'))} events; the writers' answers: p50"
                     f" {fmt_ms(run.get('p50_ms'))}, p99 {fmt_ms(run.get('p99_ms'))}",
                     "–", "p99 < 50 ms", met(ok)])
    sat = r.get("lag_saturated")
    if sat:
        rows.append(["Projection lag under the send-message runs above (the service saturated)",
                     f"{fmt_num(r['send']['rps'])} messages/s written" if r.get("send") else "–",
                     fmt_ms(sat.get("p50_ms")), fmt_ms(sat.get("p99_ms")),
                     f"mean {fmt_ms(sat.get('mean_ms'))} over {fmt_num(sat.get('events'))} events", "–",
                     "(information)", "–"])
    rss = r.get("rss")
    if rss:
        ok = rss["vmhwm_mb"] < TARGETS["rss_mb"]
        rows.append(["Peak RSS of the service (VmHWM: catch-up, replay and every load above)",
                     f"{rss['vmhwm_mb']:.0f} MB", "–", "–",
                     f"RSS after the loads {rss['vmrss_mb']:.0f} MB; {jvm_settings(a)}",
                     "–", "< 512 MB", met(ok)])
    out += ["| figure | throughput (req/s) | p50 | p99 | baseline | ratio | target | met? |",
            "|---|---:|---:|---:|---|---:|---|---|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    out.append("")
    details = []
    if r.get("seed_output"):
        details.append(f"Seeding: {r['seed_output']} (whole seeder run {r.get('seed_seconds', 0):.1f} s).")
    for key in ("list-project-total", "list-visitor-total"):
        if key in r:
            details.append(f"`{key}`: the list answered `total` = {r[key]:,}.".replace(",", " "))
    if c:
        details.append(f"Catch-up measured from the first `/actuator/projections` answer (position"
                       f" {c['first_seen_position']}) to caught up; from the process start it took"
                       f" {c['seconds_since_start']:.1f} s in all ({fmt_num(c['eps_since_start'])} events/s"
                       f" including JVM start-up). Dead-letter sequences: {c.get('dead_letters')}.")
    if r.get("messages_sent_check") is not None and r.get("send"):
        # wrk stops with requests in flight: those may be stored without wrk counting the answer
        steady = (lag or {}).get("run") or {}
        sent = (SEND_CONVERSATIONS * SETUP_MESSAGES + r["send"].get("warmup_ok", 0) + r["send"]["requests"]
                - r["send"]["non2xx"] + steady.get("requests", 0) - steady.get("non2xx", 0))
        found = r["messages_sent_check"]
        in_flight = int(a["connections"]) * (int(a.get("rounds", 1)) + 1) + STEADY_CONNECTIONS
        verdict = ("as many as were answered 202, plus at most one in flight per connection and run"
                   if sent <= found <= sent + in_flight else "**a mismatch**")
        details.append(f"Read your writes, no loss: after the loads the {SEND_CONVERSATIONS} conversations hold"
                       f" {fmt_num(found)} messages through the API; {fmt_num(sent)} sends were answered 202"
                       f" ({verdict}).")
    la, lr = r.get("lag_after_catchup"), r.get("lag_after_replay")
    if la and lr:
        details.append(f"Lag timer `conversations` COUNT after the catch-up {la['COUNT']:.0f}, after the replay"
                       f" {lr['COUNT']:.0f} (replayed events are not counted when these are equal).")
    if r.get("db_size_seeded_mb") is not None:
        where = {"embedded": "the H2 directory, measured while the service runs; the seeder compacts the"
                             " file when it closes it",
                 "axonserver": "`pg_database_size` of the read models' database; the events are in"
                               " Axon Server"}.get(r["mode"], "`pg_database_size`")
        details.append(f"Database size on disk: {fmt_num(r['db_size_seeded_mb'])} MB after seeding,"
                       f" {fmt_num(r.get('db_size_caughtup_mb'))} MB after the catch-up,"
                       f" {fmt_num(r.get('db_size_replayed_mb'))} MB after the replay,"
                       f" {fmt_num(r.get('db_size_end_mb'))} MB at the end ({where}).")
    if r.get("rss_empty_phase"):
        details.append(f"Peak RSS of the first (empty database) process: {r['rss_empty_phase']['vmhwm_mb']:.0f} MB.")
    keys = ("ping", "get", "crud", "send", "list-project-empty", "list-visitor-empty",
            "list-project-scale", "list-visitor-scale")
    for x in [k for k in keys if r.get(k) and (r[k]["non2xx"] or r[k]["socket_errors"])]:
        details.append(f"**{x}**: {r[x]['non2xx']} non-2xx answers, {r[x]['socket_errors']} socket"
                       f" errors/timeouts (raw: {', '.join('`' + run['raw'] + '`' for run in r[x]['runs'])}).")
    details.append(f"Service log: {r.get('log_errors', 0)} ERROR and {r.get('log_warnings', 0)} WARN lines"
                   f" ({', '.join('`' + l + '`' for l in r.get('service_logs', []))}).")
    for sample in r.get("log_error_samples", []):
        details.append(f"  - `{sample.replace('`', '')}`")
    for n in r.get("notes", []):
        details.append(f"Note: {n}")
    out += [f"- {d}" if not d.startswith("  -") else d for d in details]
    out.append("")
    labels = (
        ("list-project-empty", "list project-wide, empty database"),
        ("list-visitor-empty", "list one visitor's, empty database"),
        ("ping", "GET /bench/ping"),
        ("get", "GET conversation"),
        ("crud", "CRUD insert"),
        ("send", "send message"),
        ("list-project-scale", f"list project-wide, {scale_label}"),
        ("list-visitor-scale", f"list one visitor's, {scale_label}"),
    )
    runs = [(label, run) for key, label in labels if r.get(key) for run in r[key]["runs"]]
    if lag and lag.get("run"):
        runs.append(("send message, steady load", lag["run"]))
    if runs:
        out += ["Every measured wrk run (grouped by figure; pairs ran in alternation, baseline first;"
                " service CPU in cores of the 2 and per request, machine busy % includes wrk and the"
                " database):", "",
                "| run | req/s | p50 | p90 | p99 | max | non-2xx | socket errors | service CPU | CPU per request | machine busy | raw output |",
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
        for label, x in runs:
            cpu = f"{x['service_cpu_cores']:.2f}" if x.get("service_cpu_cores") is not None else "–"
            per = (f"{x['service_cpu_us_per_request']:.0f} µs"
                   if x.get("service_cpu_us_per_request") is not None else "–")
            busy = f"{x['machine_busy_pct']:.0f} %" if x.get("machine_busy_pct") is not None else "–"
            out.append(f"| {label} | {fmt_num(x['rps'])} | {fmt_ms(x['p50_ms'])} | {fmt_ms(x['p90_ms'])} |"
                       f" {fmt_ms(x['p99_ms'])} | {fmt_ms(x['max_ms'])} | {x['non2xx']} | {x['socket_errors']} |"
                       f" {cpu} | {per} | {busy} | `{x['raw']}` |")
        out.append("")
    return out


def headline(r):
    """The figures the targets are set for, of one mode's results."""
    def get(*path):
        x = r
        for key in path:
            x = x.get(key) if isinstance(x, dict) else None
        return x
    return [
        ("GET conversation / trivial endpoint", get("get", "ratio"), "pct", TARGETS["get_ratio"], True),
        ("send message / CRUD insert", get("send", "ratio"), "pct", TARGETS["send_ratio"], True),
        ("list project-wide at scale, p99", get("list-project-scale", "p99_ms"), "ms", TARGETS["list_p99_ms"], False),
        ("list of one visitor at scale, p99", get("list-visitor-scale", "p99_ms"), "ms", TARGETS["list_p99_ms"], False),
        ("replay", get("replay", "eps"), "eps", TARGETS["replay_eps"], True),
        ("projection lag p99, steady load", get("lag", "p99_ms"), "ms", TARGETS["lag_p99_ms"], False),
        ("peak RSS", get("rss", "vmhwm_mb"), "mb", TARGETS["rss_mb"], False),
    ]


def fmt_value(value, kind):
    if value is None:
        return "–"
    return {"pct": lambda v: f"{v * 100:.0f} %", "ms": fmt_ms, "eps": lambda v: f"{fmt_num(v)} events/s",
            "mb": lambda v: f"{v:.0f} MB"}[kind](value)


def before_after_section(before, data):
    """The same harness run on an earlier commit (--before): each target figure then and now."""
    out = ["## Before and after", "",
           f"The same harness, run with the service of commit"
           f" `{(before.get('jar_commit') or before['commit'][0])[:10]}` ({before['date']},"
           f" `{before['command']}`) and with this run's. What changed in between, and the profiles"
           " that led to each change, follow the tables.", ""]
    then_cpu, now_cpu = before.get("machine", {}).get("cpu"), data["machine"].get("cpu")
    if then_cpu != now_cpu:
        out[-1:] = [f"The earlier run had another machine ({before.get('machine', {}).get('cores', '?')}"
                    f" cores, {then_cpu}) than this one ({now_cpu}): the ratios compare, the absolute"
                    " throughputs and latencies less so.", ""]
    now = {m["mode"]: m for m in data["modes"]}
    for then in before.get("modes", []):
        mode = then["mode"]
        if mode not in now:
            continue
        out += [f"### `{mode}` ({fmt_num(then['scale'])} → {fmt_num(now[mode]['scale'])} conversations)", "",
                "| figure | before | after | target |", "|---|---:|---:|---|"]
        for (label, b, kind, target, higher), (_, n, _, _, _) in zip(headline(then), headline(now[mode])):
            sign = "≥" if higher else "<"
            out.append(f"| {label} | {fmt_value(b, kind)} | {fmt_value(n, kind)} | {sign} {fmt_value(target, kind)} |")
        out.append("")
    if os.path.exists(CHANGES):
        with open(CHANGES) as f:
            text = f.read().strip()
        # the file's own title gives way to this section's
        out += [re.sub(r"^# .*\n+", "", text), ""]
    return out


def method_section(a):
    return [
        "## How the figures are taken",
        "",
        "- Every figure and its baseline come from the same server process and the same wrk settings"
        f" (`-t{a['threads']} -c{a['connections']}`). A figure and its baseline are measured"
        f" {a.get('rounds', 1)} times each, in alternation (baseline, figure, baseline, …), so that a drift"
        " of this shared machine hits both; the ratio is the median of the rounds' throughput ratios, and"
        " throughput and latencies are the median round's. The list figures at scale are compared with the"
        " same queries on the empty database of a first service process (their p99 growth is given).",
        f"- Before anything is measured, each request type runs for {a.get('warmup_all', '–')} in the same"
        " process: on 2 cores the JIT compiler is still busy a minute into a load (a third of the CPU"
        " during the first send-message runs, async-profiler), which would bias whatever runs first.",
        "- wrk runs on the same 2 cores as the service (and PostgreSQL), so every figure includes the"
        " load generator's share of the CPU; the ratios cancel most of that out. At this concurrency the"
        " machine is saturated, so latencies include waiting for a core: compare them with the"
        " baseline's, measured the same way.",
        "- **GET conversation**: round robin over 50 conversations of one visitor, each with its 2 setup"
        " messages (GET is measured before any other message is sent to them), with the visitor's session"
        " token; the baseline `GET /bench/ping` has no authentication.",
        f"- **Send message**: each request adds a new message to one of {SEND_CONVERSATIONS} conversations"
        " started beforehand by one visitor, round robin, so the per-conversation aggregate lock is not"
        " the bottleneck; the answer (202) comes after the event is stored and the read model has"
        " applied it (read your writes). The CRUD baseline takes the same path, token and body and"
        " inserts one row into `bench_message` with Spring JdbcClient. The warm-up sends go to 50 other"
        " conversations.",
        f"- **List**: `GET /v2/conversations?limit=10` with the secret key, project-wide over pages 1 to"
        f" {len(LIST_OFFSETS)} (`offset` 0 to {LIST_OFFSETS[-1]}) in turn, and with `visitorId=` each of the"
        f" first {LIST_VISITORS} seeded visitors in turn (seeded visitors have no session tokens): H2"
        " answers a query repeated with the same parameters from a result cache. First on the empty"
        " database (a first service process), then at scale.",
        "- **Seeding**: ConversationStartedEvent rows appended straight into `DomainEventEntry` by"
        " `benchmarks`' `EventSeeder` (JDBC batches of 5 000, one transaction each; in `axonserver` mode"
        " appended to the Axon Server context through AxonIQ's Java connector, one append transaction"
        " per 5 000 events and up to 4 in flight, each event as Axon Framework's `AxonServerEventStore`"
        " maps an aggregate's first event), conversation i"
        " belonging to visitor i mod the visitors; the service then builds the read model from them"
        " (**catch-up**). **Replay**: `POST /actuator/projections/conversations` resets the processor"
        " (its reset handler empties the read model) and rebuilds it from the first event; finished when"
        " every segment is caught up and the lowest position reached the head read before the reset."
        " (`replaying` is not waited for: Axon keeps a segment's ReplayToken until an event beyond the"
        " head at reset arrives, so with no new event it stays true.) The catch-up is finished when"
        " both processors are caught up at the head and not replaying.",
        "- **Projection lag**: the service's timer `siteassist.projection.lag` (processor"
        " `conversations`, live events only: from the event's timestamp, taken in the command handler,"
        " to the commit of the projection's transaction), p50 and p99 from its published percentiles,"
        " mean from the change of COUNT and TOTAL_TIME over the run. The figure is taken under a steady"
        f" write load: {STEADY_CONNECTIONS} connections, each sending its next message a fixed interval"
        f" after the previous answer, the interval set for {STEADY_SHARE * 100:.0f} % of the send"
        f" throughput measured before (`benchmarks/wrk/post-message-paced.lua`), for {a.get('lag_duration', '–')}."
        " The timer's percentiles cover about the last two minutes and its MAX about three, so the"
        f" harness waits until {LAG_WINDOW_S} s have passed since any other load that wrote events"
        " (the catch-up's events count as live, with months of \"lag\"). The lag under the saturating"
        " send-message runs is given too.",
        "- **RSS**: `VmHWM` (peak) and `VmRSS` of the service process from `/proc/<pid>/status` after the"
        " loads; the peak covers the catch-up and the replay too.",
        "",
    ]


# ---------------------------------------------------------------------------------------------


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--mode", choices=[*MODES, "all"], default="all",
                   help=f"all: embedded, postgres, and axonserver when {AXON_SERVER_ENV} is set")
    p.add_argument("--scale", type=int, default=1_000_000)
    p.add_argument("--scale-embedded", type=int, help="the scale of embedded mode (default --scale)")
    p.add_argument("--scale-postgres", type=int, help="the scale of postgres mode (default --scale)")
    p.add_argument("--scale-axonserver", type=int, help="the scale of axonserver mode (default --scale)")
    p.add_argument("--min-free-disk-gb", type=float, default=8.0,
                   help="stop a mode's service when the disk's free space falls below this")
    p.add_argument("--visitors", type=int, default=10_000)
    p.add_argument("--duration", default="20s", help="one measured run")
    p.add_argument("--rounds", type=int, default=3,
                   help="measured runs of every figure (a figure and its baseline alternate)")
    p.add_argument("--warmup", default="10s", help="before the first round of every figure")
    p.add_argument("--warmup-all", default="45s",
                   help="each request type, once, before anything is measured in a service process")
    p.add_argument("--lag-duration", default="60s", help="the steady write load of the lag figure")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--connections", type=int, default=16)
    p.add_argument("--jvm-options", default="@server/jvm.options",
                   help="the service's JVM options (an @argfile relative to the project, or options)")
    p.add_argument("--service-env", default="MALLOC_ARENA_MAX=2",
                   help="NAME=value pairs added to the service's environment")
    p.add_argument("--max-wait", type=float, default=1800, help="seconds for a catch-up or replay")
    p.add_argument("--jar", default=os.path.join(ROOT, "server", "target", "siteassist-server.jar"))
    p.add_argument("--results", help="the run's directory (run.sh makes one)")
    p.add_argument("--jar-commit", help="the commit --jar was built from, when not this checkout's")
    p.add_argument("--command", help="the command line to write into the report")
    p.add_argument("--scale-note", help="why the scale is below 1 M, for the report")
    p.add_argument("--keep-db", action="store_true", help="do not drop the PostgreSQL database")
    p.add_argument("--report", metavar="RESULTS_JSON", help="only rewrite docs/benchmarks.md from a saved run")
    p.add_argument("--before", metavar="RESULTS_JSON",
                   help="the results.json of a run on an earlier commit: the report compares the targets' figures")
    args = p.parse_args()

    before = None
    if args.before:
        with open(args.before) as f:
            before = json.load(f)
            before.pop("before", None)
    if args.report:
        with open(args.report) as f:
            data = json.load(f)
        if before:
            data["before"] = before
        with open(DOC, "w") as f:
            f.write(report(data))
        log(f"wrote {os.path.relpath(DOC, ROOT)}")
        return 0

    for d in ("duration", "warmup", "warmup_all", "lag_duration"):
        parse_seconds(getattr(args, d))
    try:
        parse_env(args.service_env)
    except argparse.ArgumentTypeError as e:
        p.error(f"--service-env: {e}")
    if args.rounds < 1:
        p.error("--rounds must be at least 1")
    if args.visitors < 1 or min(args.scale, *(mode_scale(args, m) for m in MODES)) < 1:
        p.error("--scale and --visitors must be at least 1")
    axon_address = axon_server()["servers"]
    if args.mode == "axonserver" and not axon_address:
        p.error(f"--mode axonserver needs {AXON_SERVER_ENV} (host:port of an Axon Server's gRPC port)")
    stamp = dt.datetime.now().strftime("%Y%m%d_%H%M%S")
    run_dir = args.results or os.path.join(BENCH_DIR, "results", stamp)
    os.makedirs(run_dir, exist_ok=True)
    ledger = Ledger(run_dir)
    ledger.pid(os.getpid())
    skipped = {}
    if args.mode != "all":
        modes = [args.mode]
    elif axon_address:
        modes = list(MODES)
    else:
        modes = ["embedded", "postgres"]
        skipped["axonserver"] = (f"`{AXON_SERVER_ENV}` was not set: it names the Axon Server to run"
                                 " this mode against (gRPC `host:port`; a context without events)")
        log(f"axonserver mode skipped: {skipped['axonserver']}")
    started = time.monotonic()
    data = {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git_commit(),
        "jar_commit": args.jar_commit,
        "command": args.command or " ".join(shlex.quote(x) for x in sys.argv),
        "machine": machine_info(),
        "args": {k: getattr(args, k) for k in
                 ("mode", "scale", "scale_embedded", "scale_postgres", "scale_axonserver", "visitors",
                  "duration", "rounds",
                  "warmup", "warmup_all", "lag_duration", "threads", "connections", "jvm_options",
                  "service_env", "min_free_disk_gb")},
        "scale_note": args.scale_note,
        "before": before,
        "skipped": skipped,
        "results_dir": os.path.relpath(run_dir, ROOT),
        "modes": [],
    }
    data["args"]["jvm_flags"] = expand_jvm_options(args.jvm_options)
    log(f"results in {os.path.relpath(run_dir, ROOT)}")

    def save():
        data["elapsed_s"] = time.monotonic() - started
        with open(os.path.join(run_dir, "results.json"), "w") as f:
            json.dump(data, f, indent=2)
        with open(DOC, "w") as f:
            f.write(report(data))

    def on_signal(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    try:
        for mode in modes:
            log(f"=== mode {mode}: {mode_scale(args, mode)} conversations / {args.visitors} visitors ===")
            data["modes"].append(ModeRun(args, mode, run_dir, ledger, f"{stamp}_{mode}").run())
            save()
    finally:
        save()
        log(f"wrote {os.path.relpath(DOC, ROOT)} ({(time.monotonic() - started) / 60:.1f} min)")
    return 0 if all(m.get("ok") for m in data["modes"]) else 1


if __name__ == "__main__":
    sys.exit(main())
