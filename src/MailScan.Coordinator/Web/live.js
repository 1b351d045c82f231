// The live page: posts the form itself and reads the answer as server-sent events, so each
// category appears as soon as it is judged. Without this script the form posts as usual and the
// browser lands on the finished report.
'use strict';
(function () {
  var form = document.querySelector('form.scan');
  var results = document.getElementById('results');
  var pending = document.getElementById('pending');
  if (!form || !results || !pending || !window.fetch || !window.TextDecoder || !window.ReadableStream) return;

  function fragment(html) {
    var holder = document.createElement('template');
    holder.innerHTML = html;
    return holder.content.firstElementChild;
  }

  function problem(text) {
    var p = document.createElement('p');
    p.className = 'problem';
    p.setAttribute('role', 'alert');
    p.textContent = text;
    results.replaceChildren(p);
  }

  function handle(name, data, state) {
    if (name === 'category') {
      var category = JSON.parse(data);
      var slot = results.querySelector('[data-category="' + CSS.escape(category.id) + '"]');
      var section = fragment(category.html);
      if (slot) slot.replaceWith(section); else results.appendChild(section);
      state.streamed++;
      results.dataset.streamed = String(state.streamed);
    } else if (name === 'report') {
      var report = JSON.parse(data);
      var main = document.querySelector('main');
      main.innerHTML = report.html;
      main.dataset.streamed = String(state.streamed);
      history.replaceState(null, '', report.url);
      var heading = main.querySelector('h1');
      if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus(); }
    } else if (name === 'problem') {
      problem(data);
    }
  }

  form.dataset.live = 'on';
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var button = form.querySelector('button');
    button.disabled = true;
    results.replaceChildren(pending.content.cloneNode(true));
    results.dataset.streamed = '0';
    var state = { streamed: 0 };
    fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(new FormData(form)),
      headers: { Accept: 'text/event-stream' }
    }).then(function (response) {
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var buffer = '';
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) { button.disabled = false; return; }
          buffer += decoder.decode(chunk.value, { stream: true });
          var end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            var block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            var name = 'message';
            var data = [];
            block.split('\n').forEach(function (line) {
              if (line.indexOf('event: ') === 0) name = line.slice(7);
              else if (line.indexOf('data: ') === 0) data.push(line.slice(6));
            });
            handle(name, data.join('\n'), state);
          }
          return pump();
        });
      }
      return pump();
    }).catch(function (error) {
      button.disabled = false;
      problem('The test was interrupted: ' + error.message);
    });
  });
})();
