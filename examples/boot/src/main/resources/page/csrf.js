'use strict';

// Spring Security checks a CSRF token on every unsafe request. The token lives in the session; this
// asks for it (GET /api/csrf) before each unsafe same-origin fetch and sends it in the header Spring
// Security names, so the Jetty example's scripts (app.js, sessions.js) run here unchanged.
(() => {
  const fetchWithoutToken = window.fetch.bind(window);
  window.fetch = async (resource, init = {}) => {
    const method = (init.method || 'GET').toUpperCase();
    if (method === 'GET' || method === 'HEAD') {
      return fetchWithoutToken(resource, init);
    }
    const token = await (await fetchWithoutToken('/api/csrf')).json();
    const headers = new Headers(init.headers);
    headers.set(token.headerName, token.token);
    return fetchWithoutToken(resource, {...init, headers});
  };
})();
