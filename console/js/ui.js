import { html, useEffect, useState } from '/vendor/htm-preact-standalone.mjs';

export { html };

export const fmtTime = (iso) => (iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 19) : '—');

export function Tags({ tags }) {
  if (!tags?.length) return null;
  return html`<span class="tags">${tags.map((t) => html`<span class="tag" title=${t.local ? 'local tag' : ''}>${t.name}</span>`)}</span>`;
}

export function ErrorBox({ error }) {
  if (!error) return null;
  return html`<p class="error" role="alert">${error.code ? `${error.code}: ` : ''}${error.message}</p>`;
}

/** Loads once per change of `deps`; returns { data, error, loading, reload }. */
export function useQuery(run, deps) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    run().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error) => live && setState({ data: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, n]);
  return { ...state, reload: () => setN((x) => x + 1) };
}
