// The /ops page: reads the same JSON endpoints a script would use (/ops/jobs, /ops/dead-letters), every few seconds.
"use strict";

(() => {
  const pollEvery = 2000;
  const chartMinutes = 10;
  const pauseBetweenBatches = 1000;

  // Sent with every call: a request of the session that changes something must carry it (against cross-site forgery).
  const sessionHeader = { "X-Requested-With": "ops-page" };

  const $ = (id) => document.getElementById(id);
  const backlog = [];
  let poller = null;
  let shownDeadLetters = "";
  let redriving = false;

  class SignedOut extends Error {}

  async function call(method, path, body, headers) {
    const init = { method, headers: { ...sessionHeader, ...headers }, credentials: "same-origin", cache: "no-store" };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }

    const response = await fetch(path, init);
    if (response.status === 401) {
      throw new SignedOut();
    }

    if (!response.ok) {
      throw new Error(`${method} ${path} answered ${response.status}`);
    }

    return response.status === 204 ? null : response.json();
  }

  // Sign-in: the key goes once, as a Bearer key, and is never kept, shown or logged; the answer sets the session cookie.
  async function signIn(event) {
    event.preventDefault();
    const input = $("key");
    const key = input.value.trim();
    input.value = "";
    const error = $("sign-in-error");
    error.hidden = true;
    let response;
    try {
      response = await fetch("/ops/session", {
        method: "POST",
        headers: { ...sessionHeader, Authorization: `Bearer ${key}` },
        credentials: "same-origin",
        cache: "no-store",
      });
    } catch {
      // A key with characters no header can hold is no key either.
      response = { ok: false, status: 401 };
    }

    if (response.ok) {
      showDashboard((await response.json()).key_id);
      return;
    }

    error.textContent = response.status === 401
      ? "That key was not accepted: it is unknown, revoked or mistyped."
      : response.status === 403
        ? "That is a client key: this page needs an operator key."
        : `Signing in failed (${response.status}).`;
    error.hidden = false;
    input.focus();
  }

  async function signOut() {
    await fetch("/ops/session", { method: "DELETE", headers: sessionHeader, credentials: "same-origin" });
    showSignIn("");
  }

  function showSignIn(message) {
    clearInterval(poller);
    poller = null;
    $("dashboard").hidden = true;
    $("session").hidden = true;
    $("sign-in").hidden = false;
    const error = $("sign-in-error");
    error.textContent = message;
    error.hidden = !message;
    $("key").focus();
  }

  function showDashboard(keyId) {
    $("sign-in").hidden = true;
    $("session-key").textContent = keyId ?? "anonymous access";
    $("session").hidden = false;
    $("dashboard").hidden = false;
    shownDeadLetters = "";
    refresh();
    clearInterval(poller);
    poller = setInterval(refresh, pollEvery);
  }

  async function refresh() {
    try {
      const [jobs, deadLetters] = await Promise.all([call("GET", "/ops/jobs"), call("GET", "/ops/dead-letters")]);
      showOutbox(jobs.outbox);
      showIntake(jobs.execution_reports);
      showJobs(jobs.jobs);
      showDeadLetters(deadLetters);
      $("problem").hidden = true;
      $("updated").textContent = `Updated ${new Date().toLocaleTimeString()}, every ${pollEvery / 1000} s.`;
    } catch (error) {
      failed(error);
    }
  }

  function failed(error) {
    if (error instanceof SignedOut) {
      showSignIn("Your session has ended (signed out, expired, or its key revoked). Sign in again.");
      return;
    }

    $("problem").textContent = `Could not refresh: ${error.message}`;
    $("problem").hidden = false;
  }

  function showOutbox(outbox) {
    $("backlog").textContent = outbox.pending;
    $("oldest-age").textContent = age(outbox.oldest_pending_age_seconds);
    $("claimed").textContent = outbox.claimed;
    $("dead-letter-rows").textContent = outbox.dead_letters;
    const now = Date.now();
    backlog.push({ at: now, pending: outbox.pending });
    while (backlog.length > 0 && backlog[0].at < now - chartMinutes * 60_000) {
      backlog.shift();
    }

    drawChart(now);
  }

  function drawChart(now) {
    const svg = $("backlog-chart");
    const [width, height, top] = [600, 120, 8];
    const peak = Math.max(1, ...backlog.map((sample) => sample.pending));
    const x = (at) => ((at - (now - chartMinutes * 60_000)) / (chartMinutes * 60_000)) * width;
    const y = (pending) => height - (pending / peak) * (height - top);
    const line = document.createElementNS("http://www.w3.org/2000/svg", "polyline");
    line.setAttribute("points", backlog.map((sample) => `${x(sample.at).toFixed(1)},${y(sample.pending).toFixed(1)}`).join(" "));
    line.setAttribute("fill", "none");
    line.setAttribute("stroke", "#2f6fb0");
    line.setAttribute("stroke-width", "2");
    line.setAttribute("vector-effect", "non-scaling-stroke");
    svg.replaceChildren(line);
    $("chart-minutes").textContent = chartMinutes;
    $("chart-peak").textContent = Math.max(0, ...backlog.map((sample) => sample.pending));
  }

  function showIntake(reports) {
    for (const name of ["received", "waiting", "applied", "parked", "dead_lettered"]) {
      $(`reports-${name.replace("_", "-")}`).textContent = reports[name];
    }
  }

  function showJobs(jobs) {
    $("jobs").replaceChildren(...jobs.map((job) => row([
      job.name,
      job.running ? "running" : job.trigger_state.toLowerCase(),
      job.last_run_at ? when(job.last_run_at) : "never",
      [job.last_run_outcome ?? "–", job.last_failure],
      job.last_run_duration_ms == null ? "–" : `${Math.round(job.last_run_duration_ms)} ms`,
      job.next_fire_time ? when(job.next_fire_time) : "–",
      `${job.runs} / ${job.failures}`,
    ], [null, null, null, null, "count", null, "count"])));
  }

  function showDeadLetters(report) {
    $("failed-orders").textContent = report.failed_orders;
    const shown = JSON.stringify(report.groups);
    if (shown === shownDeadLetters) {
      return;
    }

    shownDeadLetters = shown;
    $("no-dead-letters").hidden = report.groups.length > 0;
    $("dead-letter-groups").replaceChildren(...report.groups.map((group) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = "Re-drive…";
      button.className = "redrive";
      button.disabled = redriving;
      button.addEventListener("click", () => askToRedrive(group.reason));
      const tr = row([group.reason, group.count, [group.sample_order_id, group.sample_error]], ["reason", "count", "sample"]);
      tr.dataset.reason = group.reason;
      tr.append(cell(button));
      return tr;
    }));
  }

  // The dry run first: the page shows how many orders the group holds now, and re-drives only when asked to.
  async function askToRedrive(reason) {
    try {
      const dryRun = await call("POST", "/ops/dead-letters/redrive", { reason, dry_run: true });
      const panel = $("redrive");
      $("redrive-question").textContent =
        `Re-drive ${dryRun.remaining} ${dryRun.remaining === 1 ? "order" : "orders"} that failed with “${reason}”? ` +
        "They are sent again in batches of at most 50, one batch a second.";
      $("redrive-status").textContent = "";
      $("redrive-progress").hidden = true;
      $("redrive-choice").hidden = false;
      $("redrive-close").hidden = true;
      $("redrive-confirm").onclick = () => redrive(reason, dryRun.remaining);
      $("redrive-cancel").onclick = () => { panel.hidden = true; };
      panel.hidden = false;
    } catch (error) {
      failed(error);
    }
  }

  async function redrive(reason, expected) {
    setRedriving(true);
    $("redrive-choice").hidden = true;
    const progress = $("redrive-progress");
    progress.hidden = false;
    let done = 0;
    let total = expected;
    try {
      for (;;) {
        const batch = await call("POST", "/ops/dead-letters/redrive", { reason, dry_run: false });
        done += batch.redriven;
        total = Math.max(total, done + batch.remaining);
        progress.max = Math.max(1, total);
        progress.value = done;
        $("redrive-status").textContent = `Re-driven ${done} of ${total}…`;
        if (batch.remaining === 0 || batch.redriven === 0) {
          break;
        }

        await new Promise((resolve) => setTimeout(resolve, pauseBetweenBatches));
      }

      $("redrive-status").textContent = `Re-driven ${done} of ${total}: they are pending again, on their way to the exchange.`;
    } catch (error) {
      $("redrive-status").textContent = `Stopped after ${done} of ${total}: ${error.message}`;
      failed(error);
    } finally {
      setRedriving(false);
      $("redrive-close").hidden = false;
      $("redrive-close").onclick = () => { $("redrive").hidden = true; };
      refresh();
    }
  }

  function setRedriving(on) {
    redriving = on;
    for (const button of document.querySelectorAll("button.redrive")) {
      button.disabled = on;
    }
  }

  // Cells hold text only (textContent): nothing from the service is ever read as HTML.
  function row(values, classes) {
    const tr = document.createElement("tr");
    values.forEach((value, index) => tr.append(cell(value, classes[index])));
    return tr;
  }

  function cell(value, className) {
    const td = document.createElement("td");
    if (className) {
      td.className = className;
    }

    if (value instanceof Node) {
      td.append(value);
    } else if (Array.isArray(value)) {
      const [first, second] = value;
      td.append(document.createTextNode(String(first)));
      if (second) {
        const detail = document.createElement("div");
        detail.className = "sample";
        detail.textContent = second;
        td.append(detail);
      }
    } else {
      td.textContent = String(value);
    }

    return td;
  }

  function age(seconds) {
    if (seconds == null) {
      return "none";
    }

    return seconds < 120 ? `${seconds.toFixed(1)} s` : seconds < 7200 ? `${(seconds / 60).toFixed(1)} min` : `${(seconds / 3600).toFixed(1)} h`;
  }

  function when(time) {
    const seconds = (new Date(time).getTime() - Date.now()) / 1000;
    const text = age(Math.abs(seconds));
    return seconds >= 0 ? `in ${text}` : `${text} ago`;
  }

  document.addEventListener("DOMContentLoaded", async () => {
    $("sign-in-form").addEventListener("submit", signIn);
    $("sign-out").addEventListener("click", signOut);
    try {
      showDashboard((await call("GET", "/ops/session")).key_id);
    } catch (error) {
      if (error instanceof SignedOut) {
        showSignIn("");
      } else {
        showSignIn(`The service could not be reached: ${error.message}`);
      }
    }
  });
})();
