import { html, render, useEffect, useState } from '/vendor/htm-preact-standalone.mjs';
import { gql, storedKey, storeKey } from './api.js';
import { ErrorBox } from './ui.js';
import { LivePage } from './live.js';
import { AttributesPage } from './attributes.js';
import { EventPage } from './event.js';
import { FeedsPage } from './feeds.js';
import { FederationPage } from './federation.js';

// Pages by hash route (#/live, #/attributes, #/events/<id>, #/feeds, #/federation). `cap` hides a page
// from roles that may not use it (the API refuses them anyway).
const PAGES = [
  { path: 'live', title: 'Live IOCs', component: LivePage },
  { path: 'attributes', title: 'Attributes', component: AttributesPage },
  { path: 'feeds', title: 'Feeds', component: FeedsPage, cap: 'site:admin' },
  { path: 'federation', title: 'Federation', component: FederationPage, cap: 'site:admin' },
];

const route = () => location.hash.replace(/^#\/?/, '').split('/');

function Login({ onKey, error }) {
  const [value, setValue] = useState('');
  const submit = (e) => {
    e.preventDefault();
    if (value.trim()) onKey(value.trim());
  };
  return html`<main class="login">
    <h1>threatmesh</h1>
    <form onSubmit=${submit} id="login-form">
      <label>API key <input id="login-key" type="password" autocomplete="off" value=${value} onInput=${(e) => setValue(e.target.value)} /></label>
      <button type="submit">Log in</button>
    </form>
    <p class="hint">The key is kept in this browser (localStorage) and sent only to this hub. GraphiQL at <a href="/graphql">/graphql</a> uses it too.</p>
    <${ErrorBox} error=${error} />
  </main>`;
}

function App() {
  const [key, setKey] = useState(storedKey());
  const [session, setSession] = useState(null);
  const [error, setError] = useState(null);
  const [path, setPath] = useState(route());

  useEffect(() => {
    const onHash = () => setPath(route());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    if (!key) return;
    let live = true;
    Promise.all([gql(key, 'query Me { me { id email role organisation { id name } } }'), fetch('/console/roles.json').then((r) => r.json())]).then(
      ([data, roles]) => {
        if (!live) return;
        const caps = new Set(roles[data.me.role] ?? []);
        setSession({ key, me: data.me, can: (cap) => caps.has(cap) });
        setError(null);
      },
      (e) => {
        if (!live) return;
        storeKey('');
        setKey('');
        setSession(null);
        setError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [key]);

  if (!key) return html`<${Login} error=${error} onKey=${(k) => (storeKey(k), setKey(k))} />`;
  if (!session) return html`<p class="loading">Checking the key…</p>`;

  const pages = PAGES.filter((p) => !p.cap || session.can(p.cap));
  const [head, id] = path;
  let body;
  if (head === 'events' && id) body = html`<${EventPage} session=${session} id=${id} />`;
  else {
    const page = pages.find((p) => p.path === head) ?? pages[0];
    body = html`<${page.component} session=${session} />`;
  }
  const current = head === 'events' ? 'attributes' : pages.some((p) => p.path === head) ? head : pages[0].path;
  const logout = () => {
    storeKey('');
    setSession(null);
    setKey('');
  };
  return html`<div class="shell">
    <header class="top">
      <span class="brand">threatmesh</span>
      <nav>${pages.map((p) => html`<a href=${`#/${p.path}`} class=${p.path === current ? 'active' : ''} data-nav=${p.path}>${p.title}</a>`)}<a href="/graphql">GraphiQL</a></nav>
      <span class="who" id="who">${session.me.email} · ${session.me.organisation.name} · <b id="role">${session.me.role}</b></span>
      <button type="button" onClick=${logout}>Log out</button>
    </header>
    <main class="page">${body}</main>
  </div>`;
}

const root = document.getElementById('app');
root.textContent = ''; // the static "Loading…" placeholder
render(html`<${App} />`, root);
