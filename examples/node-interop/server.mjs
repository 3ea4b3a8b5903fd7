// The Node side of the SessionKit interop test: the login / me / logout app of the seed notes on
// express-session, with its sessions in Redis (connect-redis) or PostgreSQL (connect-pg-simple),
// sharing the secret and the store with the Java example run with SESSION_COMPAT=express.
//
//   SESSION_STORE=redis REDIS_URI=redis://127.0.0.1:6379 SESSION_SECRET=... PORT=3000 node server.mjs
// (SESSION_SECRET: comma-separated, the first signs; SESSION_IDLE_SECONDS: the cookie's maxAge)
//   SESSION_STORE=jdbc DATABASE_URL=postgres://postgres@127.0.0.1:5432/app ... node server.mjs
//
// It prints "listening <port>" once it serves requests.
import express from 'express';
import session from 'express-session';
import { RedisStore } from 'connect-redis';
import connectPgSimple from 'connect-pg-simple';
import { createClient } from 'redis';
import pg from 'pg';

const env = process.env;
const secrets = (env.SESSION_SECRET || '').split(',').map((s) => s.trim()).filter(Boolean);
if (secrets.length === 0) {
  console.error('SESSION_SECRET is required (comma-separated for several)');
  process.exit(2);
}
const idleSeconds = Number(env.SESSION_IDLE_SECONDS || 30 * 60);
// The Java example's demo users.
const users = { frodo: 'mellon', sam: 'potatoes' };

let store;
let closeStore;
if (env.SESSION_STORE === 'jdbc') {
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL });
  const PgStore = connectPgSimple(session);
  store = new PgStore({ pool, tableName: 'session', pruneSessionInterval: false });
  closeStore = () => pool.end();
} else {
  const client = createClient({ url: env.REDIS_URI || 'redis://127.0.0.1:6379' });
  // Without a listener, a lost connection is an unhandled 'error' event that ends the process.
  client.on('error', (err) => console.error('redis:', err.message));
  await client.connect();
  // connect-redis's defaults: its touch moves the key's TTL, which SessionKit reads as activity.
  store = new RedisStore({ client, prefix: 'sess:' });
  closeStore = () => client.quit();
}

const app = express();
app.use(express.json());
app.use(
  session({
    store,
    secret: secrets,
    resave: false,
    saveUninitialized: false,
    // maxAge = the Java side's idleTimeout (SESSION_IDLE_SECONDS there too, 30 min by default).
    cookie: { maxAge: idleSeconds * 1000, httpOnly: true, sameSite: 'lax', secure: false },
  }),
);

app.post('/api/login', (req, res, next) => {
  const { username, password } = req.body || {};
  if (!users[username] || users[username] !== password) {
    res.status(401).json({ error: 'invalid credentials' });
    return;
  }
  req.session.regenerate((err) => {
    if (err) return next(err);
    req.session.user = username;
    res.json({ user: username });
  });
});

app.get('/api/me', (req, res) => {
  if (!req.session.user) {
    res.status(401).json({ error: 'unauthorized' });
    return;
  }
  res.json({ user: req.session.user });
});

// A counter of this side's visits beside the other side's: each side's writes keep the other's.
app.post('/api/visits', (req, res) => {
  if (!req.session.user) {
    res.status(401).json({ error: 'unauthorized' });
    return;
  }
  req.session.nodeVisits = (req.session.nodeVisits || 0) + 1;
  res.json({ javaVisits: req.session.javaVisits ?? 0, nodeVisits: req.session.nodeVisits });
});

app.post('/api/logout', (req, res, next) => {
  req.session.destroy((err) => {
    if (err) return next(err);
    res.json({ loggedOut: true });
  });
});

const server = app.listen(Number(env.PORT || 3000), '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
const stop = () => server.close(() => Promise.resolve(closeStore()).finally(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
