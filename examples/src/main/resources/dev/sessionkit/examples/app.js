'use strict';

// The page keeps no token of its own: the HttpOnly session cookie rides along with every fetch.
const $ = (id) => document.getElementById(id);

async function refresh() {
  const me = await fetch('/api/me');
  const signedIn = me.ok;
  $('signed-in').hidden = !signedIn;
  $('nav').hidden = !signedIn;
  $('signed-out').hidden = signedIn;
  $('users').replaceChildren();
  if (!signedIn) {
    return;
  }
  $('who').textContent = (await me.json()).user;
  const users = await fetch('/api/users');
  if (users.ok) {
    for (const name of await users.json()) {
      const li = document.createElement('li');
      li.textContent = name;
      $('users').append(li);
    }
  }
}

async function login(event) {
  event.preventDefault();
  const response = await fetch('/api/login', {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({username: $('username').value, password: $('password').value}),
  });
  $('password').value = '';
  $('message').textContent = response.ok ? '' : 'Wrong user name or password.';
  await refresh();
}

async function logout() {
  await fetch('/api/logout', {method: 'POST'});
  $('message').textContent = 'Logged out.';
  await refresh();
}

document.addEventListener('DOMContentLoaded', () => {
  $('login').addEventListener('submit', login);
  $('logout').addEventListener('click', logout);
  refresh();
});
