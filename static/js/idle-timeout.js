// Springbrett: warn before the idle timeout ends the session (WCAG 2.2.1 Timing Adjustable).
// The server says how many seconds are left (data-remaining on the dialog, and the
// X-Session-Idle-Remaining header on htmx answers); open tabs share the latest deadline.
document.addEventListener("DOMContentLoaded", () => {
  const dialog = document.getElementById("idle-timeout");
  if (!dialog || typeof dialog.showModal !== "function") return;
  const KEY = "springbrett:idle-deadline";
  const GRACE = 1500; // past the deadline, so the server surely sees the session as expired
  const warning = Number(dialog.dataset.warning) * 1000;
  const stayForm = dialog.querySelector("form[data-idle-stay]");
  const stayButton = stayForm.querySelector("button");
  const countdown = dialog.querySelector("[data-idle-countdown]");
  let deadline = 0;
  let warnTimer = null;
  let endTimer = null;
  let ticker = null;

  const format = (ms) => {
    const s = Math.max(0, Math.ceil(ms / 1000));
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  };
  const hide = () => {
    clearInterval(ticker);
    ticker = null;
    if (dialog.open) dialog.close();
  };
  const show = () => {
    const update = () => {
      countdown.textContent = format(deadline - Date.now());
    };
    update();
    clearInterval(ticker);
    ticker = setInterval(update, 1000);
    if (!dialog.open) {
      dialog.showModal();
      stayButton.focus();
    }
  };
  // Load the page again: the server finds the session expired and sends it to the login page
  // with a message (and back here after logging in).
  const expire = () => {
    hide();
    window.location.assign(window.location.href);
  };
  const schedule = (newDeadline, share) => {
    deadline = newDeadline;
    if (share) {
      try {
        localStorage.setItem(KEY, String(deadline));
      } catch {
        // private mode: this tab keeps its own clock
      }
    }
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    hide();
    const now = Date.now();
    warnTimer = setTimeout(show, Math.max(0, deadline - warning - now));
    endTimer = setTimeout(expire, Math.max(0, deadline - now) + GRACE);
  };
  const fromSeconds = (seconds) => Date.now() + Number(seconds) * 1000;

  schedule(fromSeconds(dialog.dataset.remaining), true);

  // Another tab was used or kept the session alive: follow its later deadline.
  window.addEventListener("storage", (event) => {
    const shared = Number(event.newValue);
    if (event.key === KEY && shared > deadline) schedule(shared, false);
  });
  // htmx requests refresh the session too.
  document.body.addEventListener("htmx:afterRequest", (event) => {
    const left = event.detail.xhr && event.detail.xhr.getResponseHeader("X-Session-Idle-Remaining");
    if (left !== null && left !== undefined && left !== "") schedule(fromSeconds(left), true);
  });
  stayForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const response = await fetch(stayForm.action, {
        method: "POST",
        body: new FormData(stayForm),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        redirect: "manual",
      });
      if (!response.ok) {
        expire();
        return;
      }
      const data = await response.json();
      schedule(fromSeconds(data.remaining), true);
    } catch {
      expire();
    }
  });
  // Escape closes a dialog: here it means "stay signed in", never a silent logout later.
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    stayForm.requestSubmit();
  });
});
