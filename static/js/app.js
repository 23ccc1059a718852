// Springbrett: small behaviours without inline scripts (CSP forbids them).
document.addEventListener("DOMContentLoaded", () => {
  // Django's CSRF token for htmx requests, read from the cookie-less hidden input.
  document.body.addEventListener("htmx:configRequest", (event) => {
    const token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) event.detail.headers["X-CSRFToken"] = token.value;
  });
  // Auto-submitting selects: elements with data-autosubmit submit their form on change.
  document.querySelectorAll("[data-autosubmit]").forEach((el) => {
    el.addEventListener("change", () => el.form && el.form.requestSubmit());
  });
  labelStackedCells(document);
  document.body.addEventListener("htmx:afterSwap", (event) => labelStackedCells(event.target));
  // The header menu is a dialog only while it is open as an offcanvas sheet on a phone: name it
  // then (a name on the plain container would be a name on a generic element).
  document.querySelectorAll(".offcanvas[data-label]").forEach((el) => {
    el.addEventListener("show.bs.offcanvas", () => el.setAttribute("aria-labelledby", el.dataset.label));
    el.addEventListener("hidden.bs.offcanvas", () => el.removeAttribute("aria-labelledby"));
  });
});

// Stacked tables (under 576 px) show each cell's column name from the header row.
function labelStackedCells(root) {
  root.querySelectorAll("table.table-stack").forEach((table) => {
    const heads = Array.from(table.querySelectorAll("thead tr:last-child > *")).map((th) => th.textContent.trim());
    table.querySelectorAll("tbody tr").forEach((tr) => {
      Array.from(tr.children).forEach((cell, i) => {
        if (!cell.hasAttribute("data-label") && heads[i]) cell.setAttribute("data-label", heads[i]);
      });
    });
  });
}
