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
});
