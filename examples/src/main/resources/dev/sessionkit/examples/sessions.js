'use strict';

// Enhances the server-rendered "your sessions" page: the forms work without this script (plain
// posts and redirects); with it, the same actions go through the JSON API without a reload.
(() => {
  const list = document.getElementById('sessions');
  const message = document.getElementById('message');
  const others = document.getElementById('logout-others');

  for (const time of document.querySelectorAll('time[datetime]')) {
    time.title = time.textContent;
    time.textContent = new Date(time.dateTime).toLocaleString([], {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
  }
  if (!list) {
    return;
  }

  function say(text) {
    message.textContent = text;
    message.hidden = false;
  }

  function refreshButton() {
    others.querySelector('button').disabled = list.querySelectorAll('li:not(.current)').length === 0;
  }

  // Anything but the expected answers: let the browser post the form as it would without script.
  async function call(form, request, onOk) {
    let response;
    try {
      response = await request();
    } catch (e) {
      form.submit();
      return;
    }
    if (response.status === 401) {
      location.assign('/login');
    } else if (response.ok || response.status === 404) {
      onOk(response.ok ? await response.json() : null);
      refreshButton();
    } else {
      form.submit();
    }
  }

  list.addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.target;
    const row = form.closest('li');
    call(form, () => fetch('/api/sessions/' + encodeURIComponent(row.dataset.handle),
        {method: 'DELETE'}), (body) => {
      if (body && body.current) {
        location.assign('/login?out=1');
        return;
      }
      row.remove();
      say(body ? 'That session is logged out.' : 'That session had already ended.');
    });
  });

  others.addEventListener('submit', (event) => {
    event.preventDefault();
    call(others, () => fetch('/api/logout-others', {method: 'POST'}), (body) => {
      for (const row of list.querySelectorAll('li:not(.current)')) {
        row.remove();
      }
      const n = body ? body.loggedOut : 0;
      say(n === 1 ? 'Logged out 1 other session.' : `Logged out ${n} other sessions.`);
    });
  });
})();
