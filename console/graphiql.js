/* GraphiQL, offline: every file comes from this hub. The API key is asked once and kept in localStorage
   (shared with the dashboard); queries go to POST /graphql, subscriptions over graphql-ws on the same
   URL with the key in connectionParams. */
(function () {
  'use strict';
  var KEY = 'threatmesh.apiKey';
  var url = location.origin + '/graphql';
  var wsUrl = url.replace(/^http/, 'ws');
  var form = document.getElementById('key-form');
  var input = document.getElementById('key-input');
  var status = document.getElementById('key-status');
  var root = null;

  function storedKey() {
    try { return localStorage.getItem(KEY) || ''; } catch (e) { return ''; }
  }

  function open(key) {
    form.hidden = true;
    status.hidden = false;
    document.getElementById('key-last4').textContent = key.slice(-4);
    var wsClient = graphqlWs.createClient({ url: wsUrl, connectionParams: { authorization: key }, lazy: true, retryAttempts: 5 });
    var fetcher = GraphiQL.createFetcher({ url: url, headers: { Authorization: key }, wsClient: wsClient });
    var explorer = GraphiQLPluginExplorer.explorerPlugin();
    var el = document.getElementById('graphiql');
    root = ReactDOM.createRoot(el);
    root.render(
      React.createElement(GraphiQL, {
        fetcher: fetcher,
        plugins: [explorer],
        defaultTabs: window.THREATMESH_EXAMPLES,
        defaultEditorToolsVisibility: true,
        shouldPersistHeaders: false,
      }),
    );
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var key = input.value.trim();
    if (!key) return;
    try { localStorage.setItem(KEY, key); } catch (err) { /* private mode: this page only */ }
    input.value = '';
    open(key);
  });
  document.getElementById('key-forget').addEventListener('click', function () {
    try { localStorage.removeItem(KEY); } catch (e) { /* nothing stored */ }
    location.reload();
  });

  var key = storedKey();
  if (key) open(key);
  else form.hidden = false;
})();
