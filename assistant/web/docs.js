// Starts Swagger UI on the app's own OpenAPI schema (kept out of the HTML: the CSP allows no inline script).
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
