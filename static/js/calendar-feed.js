// Springbrett: the calendar feed page. Copy the feed address with a button; announce it.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-select-on-focus]").forEach((input) => {
    input.addEventListener("focus", () => input.select());
  });
  document.querySelectorAll("[data-copy-target]").forEach((button) => {
    button.addEventListener("click", async () => {
      const input = document.getElementById(button.dataset.copyTarget);
      const status = document.getElementById("feed-copy-status");
      if (!input) return;
      input.select();
      try {
        await navigator.clipboard.writeText(input.value);
      } catch {
        document.execCommand("copy");
      }
      if (status) status.textContent = status.dataset.copiedText || "";
    });
  });
});
