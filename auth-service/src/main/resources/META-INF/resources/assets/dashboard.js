// EnvoyX dashboard. Every change goes through the JSON API with the session's CSRF token; a new
// key's plaintext lives only in the show-once panel built here from the API response and is
// dropped from the page when the panel closes (never put into storage, the URL or the history).
(function () {
  'use strict';

  var csrfMeta = document.querySelector('meta[name="csrf-token"]');

  function api(method, path, body) {
    var headers = { 'Accept': 'application/json' };
    if (csrfMeta) {
      headers['X-CSRF-Token'] = csrfMeta.getAttribute('content');
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    return fetch(path, {
      method: method,
      headers: headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (envelope) {
        return { status: response.status, ok: response.ok, envelope: envelope };
      });
    }, function () {
      return { status: 0, ok: false, envelope: { message: 'The dashboard cannot reach EnvoyX. Check your connection and try again.' } };
    });
  }

  function describeError(result) {
    var envelope = result.envelope || {};
    var message = envelope.message || 'Something went wrong (' + result.status + ').';
    var errors = envelope.data && envelope.data.errors;
    if (Array.isArray(errors) && errors.length) {
      message += ' ' + errors.map(function (e) { return e.field + ' ' + e.message; }).join('; ') + '.';
    }
    if (result.status === 401) {
      message = 'Your session has ended. Log in again.';
    }
    return message;
  }

  function showError(element, result) {
    element.textContent = describeError(result);
    element.hidden = false;
  }

  function hideError(element) {
    element.textContent = '';
    element.hidden = true;
  }

  function onSubmit(formId, handler) {
    var form = document.getElementById(formId);
    if (!form) {
      return;
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var submit = form.querySelector('button[type="submit"]');
      submit.disabled = true;
      handler(form).then(function () { submit.disabled = false; });
    });
  }

  onSubmit('login-form', function (form) {
    var error = document.getElementById('login-error');
    hideError(error);
    return api('POST', '/api/v1/auth/login', {
      email: form.elements.email.value,
      password: form.elements.password.value
    }).then(function (result) {
      if (result.ok) {
        window.location.assign('/settings/api-keys');
      } else {
        showError(error, result);
        form.elements.password.value = '';
        form.elements.password.focus();
      }
    });
  });

  onSubmit('signup-form', function (form) {
    var error = document.getElementById('signup-error');
    hideError(error);
    return api('POST', '/api/v1/auth/register', {
      name: form.elements.name.value,
      email: form.elements.email.value,
      password: form.elements.password.value
    }).then(function (result) {
      if (result.ok) {
        window.location.assign('/?registered=1');
      } else {
        showError(error, result);
      }
    });
  });

  function showDone(element, text) {
    element.textContent = text;
    element.hidden = false;
  }

  onSubmit('reset-request-form', function (form) {
    var error = document.getElementById('reset-request-error');
    hideError(error);
    return api('POST', '/api/v1/auth/password-reset', { email: form.elements.email.value }).then(function (result) {
      if (result.ok) {
        showDone(document.getElementById('reset-request-done'), result.envelope.message);
      } else {
        showError(error, result);
      }
    });
  });

  onSubmit('reset-confirm-form', function (form) {
    var error = document.getElementById('reset-confirm-error');
    hideError(error);
    return api('POST', '/api/v1/auth/password-reset/confirm', {
      token: form.elements.token.value,
      password: form.elements.password.value
    }).then(function (result) {
      form.elements.password.value = '';
      if (result.ok) {
        showDone(document.getElementById('reset-confirm-done'), result.envelope.message);
      } else {
        showError(error, result);
      }
    });
  });

  onSubmit('change-password-form', function (form) {
    var error = document.getElementById('change-password-error');
    var done = document.getElementById('change-password-done');
    hideError(error);
    done.hidden = true;
    return api('POST', '/api/v1/auth/password', {
      current_password: form.elements.current_password.value,
      new_password: form.elements.new_password.value
    }).then(function (result) {
      form.elements.current_password.value = '';
      form.elements.new_password.value = '';
      if (result.ok) {
        showDone(done, result.envelope.message);
      } else {
        showError(error, result);
      }
    });
  });

  var resend = document.getElementById('resend-verification');
  if (resend) {
    resend.addEventListener('click', function () {
      var status = document.getElementById('resend-status');
      resend.disabled = true;
      api('POST', '/api/v1/auth/verify-email/resend').then(function (result) {
        resend.disabled = false;
        status.textContent = result.ok ? result.envelope.message : describeError(result);
        status.hidden = false;
      });
    });
  }

  var logoutEverywhere = document.getElementById('logout-everywhere');
  if (logoutEverywhere) {
    logoutEverywhere.addEventListener('click', function () {
      api('POST', '/api/v1/auth/logout-everywhere').then(function (result) {
        if (result.ok || result.status === 401) {
          window.location.assign('/');
        } else {
          showError(document.getElementById('page-error'), result);
        }
      });
    });
  }

  var logout = document.getElementById('logout');
  if (logout) {
    logout.addEventListener('click', function () {
      api('POST', '/api/v1/auth/logout').then(function (result) {
        if (result.ok || result.status === 401) {
          window.location.assign('/');
        } else {
          showError(document.getElementById('page-error'), result);
        }
      });
    });
  }

  // Dialogs: native <dialog> gives the focus trap and Escape; focus goes back to the opener.
  var lastOpener = null;

  function openDialog(dialog, opener) {
    lastOpener = opener;
    dialog.showModal();
  }

  document.querySelectorAll('dialog').forEach(function (dialog) {
    dialog.querySelectorAll('[data-close]').forEach(function (button) {
      button.addEventListener('click', function () { dialog.close(); });
    });
    dialog.addEventListener('close', function () {
      if (lastOpener && document.body.contains(lastOpener)) {
        lastOpener.focus();
      }
    });
  });

  var KEY_WARNING = 'Copy this key now. It is shown only once and cannot be retrieved again: '
    + 'EnvoyX stores only a hash of it. Keep it in an environment variable or a secret manager, '
    + 'never in source code or client-side code.';

  function showNewKey(key, name, heading) {
    showOnce(key, heading + ': ' + name, KEY_WARNING);
  }

  // The show-once panel. The secret exists in this closure and in the panel's text only.
  function showOnce(key, heading, warningText) {
    var slot = document.getElementById('new-key-slot');
    var panel = document.createElement('section');
    panel.id = 'new-key-panel';
    panel.className = 'card new-key';
    panel.setAttribute('role', 'region');
    panel.setAttribute('aria-labelledby', 'new-key-title');

    var title = document.createElement('h2');
    title.id = 'new-key-title';
    title.textContent = heading;
    var warning = document.createElement('p');
    warning.className = 'warning';
    warning.textContent = warningText;
    var value = document.createElement('code');
    value.id = 'new-key-value';
    value.className = 'secret';
    value.textContent = key;
    var copy = document.createElement('button');
    copy.type = 'button';
    copy.id = 'copy-key';
    copy.className = 'primary';
    copy.textContent = 'Copy';
    var copied = document.createElement('span');
    copied.id = 'copy-status';
    copied.setAttribute('role', 'status');
    var close = document.createElement('button');
    close.type = 'button';
    close.id = 'close-key-panel';
    close.textContent = 'I have copied it, close';

    copy.addEventListener('click', function () {
      copyText(value).then(function (ok) {
        copied.textContent = ok ? 'Copied to the clipboard.' : 'Select it and copy it with your keyboard.';
      });
    });
    close.addEventListener('click', function () {
      panel.remove();
      key = null;
      // A fresh page shows the new state of the table and holds no trace of the key.
      window.location.replace(window.location.pathname);
    });

    var row = document.createElement('div');
    row.className = 'button-row';
    row.append(copy, close, copied);
    panel.append(title, warning, value, row);
    slot.replaceChildren(panel);
    // The page's "nothing yet" explanation would contradict the panel of the thing just made.
    var empty = document.getElementById('empty-state');
    if (empty) {
      empty.hidden = true;
    }
    copy.focus();
  }

  function copyText(element) {
    var text = element.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return selectText(element); });
    }
    return Promise.resolve(selectText(element));
  }

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return false;
  }

  var createDialog = document.getElementById('create-dialog');
  var createButton = document.getElementById('create-key');
  if (createDialog && createButton) {
    createButton.addEventListener('click', function () {
      hideError(document.getElementById('create-error'));
      openDialog(createDialog, createButton);
    });
    onSubmit('create-form', function (form) {
      var error = document.getElementById('create-error');
      hideError(error);
      var scopes = Array.prototype.filter.call(form.elements.scopes, function (box) { return box.checked; })
        .map(function (box) { return box.value; });
      var body = { name: form.elements.name.value, environment: form.elements.environment.value, scopes: scopes };
      if (form.elements.expires.value) {
        body.expires_at = form.elements.expires.value + 'T23:59:59Z';
      }
      return api('POST', '/api/v1/api-keys', body).then(function (result) {
        if (result.ok) {
          form.reset();
          // Focus moves to the new key's Copy button, not back to the opener.
          lastOpener = null;
          createDialog.close();
          showNewKey(result.envelope.data.key, result.envelope.data.name, 'Your new API key');
        } else {
          showError(error, result);
        }
      });
    });
  }

  // Revoke, rotate and delete: each asks first, naming the key.
  var confirmDialog = document.getElementById('confirm-dialog');
  var pending = null;
  var questions = {
    revoke: function (name) {
      return 'Revoke "' + name + '"? Every request with this key is refused within seconds. This cannot be undone.';
    },
    rotate: function (name) {
      return 'Rotate "' + name + '"? You get a new key to copy now; choose how long the old key keeps working '
        + 'while you deploy the new one.';
    },
    delete: function (name) {
      return 'Delete "' + name + '"? The key stops working and disappears from this list; the audit log keeps '
        + 'its name. This cannot be undone.';
    }
  };
  var verbs = { revoke: 'Revoke key', rotate: 'Rotate key', delete: 'Delete key' };

  document.querySelectorAll('tr[data-key-id] button[data-action]').forEach(function (button) {
    button.addEventListener('click', function () {
      var row = button.closest('tr');
      var action = button.getAttribute('data-action');
      var name = row.getAttribute('data-key-name');
      pending = { action: action, id: row.getAttribute('data-key-id'), name: name };
      document.getElementById('confirm-title').textContent = verbs[action] + ' "' + name + '"';
      document.getElementById('confirm-text').textContent = questions[action](name);
      document.getElementById('grace-field').hidden = action !== 'rotate';
      var ok = document.getElementById('confirm-ok');
      ok.textContent = verbs[action];
      ok.className = action === 'rotate' ? 'primary' : 'danger';
      hideError(document.getElementById('confirm-error'));
      openDialog(confirmDialog, button);
    });
  });

  if (confirmDialog && document.getElementById('confirm-ok')) {
    document.getElementById('confirm-ok').addEventListener('click', function () {
      if (!pending) {
        return;
      }
      var ok = this;
      var path = '/api/v1/api-keys/' + encodeURIComponent(pending.id);
      var call;
      if (pending.action === 'revoke') {
        call = api('POST', path + '/revoke');
      } else if (pending.action === 'rotate') {
        call = api('POST', path + '/rotate', {
          grace_period_seconds: Number(document.getElementById('grace-period').value)
        });
      } else {
        call = api('DELETE', path);
      }
      var action = pending.action;
      ok.disabled = true;
      call.then(function (result) {
        ok.disabled = false;
        if (!result.ok) {
          showError(document.getElementById('confirm-error'), result);
          return;
        }
        pending = null;
        lastOpener = null;
        confirmDialog.close();
        if (action === 'rotate') {
          showNewKey(result.envelope.data.key, result.envelope.data.name, 'The replacement key');
        } else {
          window.location.replace(window.location.pathname);
        }
      });
    });
  }
  // Invoices: a review decision goes through the dashboard's invoices API to invoice-service's
  // PATCH /api/v1/invoices/{id}/status; its refusal (e.g. 409 for a status that allows no such
  // decision) is shown as it came.
  var invoiceDetails = document.getElementById('invoice-details');
  if (invoiceDetails) {
    var invoicePath = '/api/v1/dashboard/invoices/' + encodeURIComponent(invoiceDetails.getAttribute('data-invoice-id'));
    document.querySelectorAll('button[data-invoice-decision]').forEach(function (button) {
      button.addEventListener('click', function () {
        var pageError = document.getElementById('page-error');
        hideError(pageError);
        button.disabled = true;
        api('PATCH', invoicePath + '/status', { status: button.getAttribute('data-invoice-decision') }).then(function (result) {
          button.disabled = false;
          if (result.ok) {
            window.location.replace(window.location.pathname);
          } else {
            showError(pageError, result);
          }
        });
      });
    });
  }

  // Webhooks: the dashboard's webhooks API forwards to invoice-service on the account's behalf.
  var WEBHOOKS_API = '/api/v1/dashboard/webhooks';
  var SECRET_WARNING = 'Copy this signing secret now. It is shown only once: use it to verify the '
    + 'X-EnvoyX-Signature (or Standard Webhooks webhook-signature) header of every delivery. Keep it in a '
    + 'secret manager, never in source code.';
  var webhookDialog = document.getElementById('webhook-dialog');
  var addWebhook = document.getElementById('add-webhook');
  if (webhookDialog && addWebhook) {
    addWebhook.addEventListener('click', function () {
      hideError(document.getElementById('webhook-error'));
      openDialog(webhookDialog, addWebhook);
    });
    onSubmit('webhook-form', function (form) {
      var error = document.getElementById('webhook-error');
      hideError(error);
      var events = Array.prototype.filter.call(form.elements.events, function (box) { return box.checked; })
        .map(function (box) { return box.value; });
      var body = { url: form.elements.url.value.trim() };
      if (events.length) {
        body.events = events;
      }
      if (form.elements.description.value.trim()) {
        body.description = form.elements.description.value.trim();
      }
      return api('POST', WEBHOOKS_API, body).then(function (result) {
        if (result.ok) {
          form.reset();
          lastOpener = null;
          webhookDialog.close();
          showOnce(result.envelope.data.secret, 'Signing secret of ' + result.envelope.data.url, SECRET_WARNING);
        } else {
          showError(error, result);
        }
      });
    });
  }

  var details = document.getElementById('webhook-details');
  if (details) {
    var endpointPath = WEBHOOKS_API + '/' + encodeURIComponent(details.getAttribute('data-webhook-id'));
    var endpointUrl = details.getAttribute('data-webhook-url');
    var status = document.getElementById('webhook-status');
    var pageError = document.getElementById('page-error');

    document.getElementById('send-test').addEventListener('click', function () {
      var button = this;
      button.disabled = true;
      hideError(pageError);
      api('POST', endpointPath + '/test').then(function (result) {
        button.disabled = false;
        if (result.ok) {
          status.textContent = 'Test event queued. Refresh the log in a few seconds to see its delivery.';
        } else {
          showError(pageError, result);
        }
      });
    });

    document.querySelectorAll('tr[data-delivery-id] button[data-action="redeliver"]').forEach(function (button) {
      button.addEventListener('click', function () {
        button.disabled = true;
        hideError(pageError);
        var id = button.closest('tr').getAttribute('data-delivery-id');
        api('POST', endpointPath + '/deliveries/' + encodeURIComponent(id) + '/redeliver').then(function (result) {
          button.disabled = false;
          if (result.ok) {
            status.textContent = 'Redelivery queued with the same event id. Refresh the log in a few seconds.';
          } else {
            showError(pageError, result);
          }
        });
      });
    });

    var webhookConfirm = document.getElementById('confirm-dialog');
    var webhookPending = null;
    var webhookQuestions = {
      rotate: 'Rotate the signing secret of ' + endpointUrl + '? You get a new secret to copy now; the old one '
        + 'keeps signing beside it for 24 hours while you deploy the new one.',
      delete: 'Delete the endpoint ' + endpointUrl + '? EnvoyX stops sending it events. This cannot be undone.'
    };
    var webhookVerbs = { rotate: 'Rotate secret', delete: 'Delete endpoint' };
    document.querySelectorAll('button[data-webhook-action]').forEach(function (button) {
      button.addEventListener('click', function () {
        webhookPending = button.getAttribute('data-webhook-action');
        document.getElementById('confirm-title').textContent = webhookVerbs[webhookPending];
        document.getElementById('confirm-text').textContent = webhookQuestions[webhookPending];
        var ok = document.getElementById('webhook-confirm-ok');
        ok.textContent = webhookVerbs[webhookPending];
        ok.className = webhookPending === 'rotate' ? 'primary' : 'danger';
        hideError(document.getElementById('confirm-error'));
        openDialog(webhookConfirm, button);
      });
    });
    document.getElementById('webhook-confirm-ok').addEventListener('click', function () {
      if (!webhookPending) {
        return;
      }
      var ok = this;
      var action = webhookPending;
      ok.disabled = true;
      var call = action === 'rotate' ? api('POST', endpointPath + '/rotate-secret') : api('DELETE', endpointPath);
      call.then(function (result) {
        ok.disabled = false;
        if (!result.ok) {
          showError(document.getElementById('confirm-error'), result);
          return;
        }
        webhookPending = null;
        lastOpener = null;
        webhookConfirm.close();
        if (action === 'rotate') {
          showOnce(result.envelope.data.secret, 'New signing secret of ' + endpointUrl, SECRET_WARNING);
        } else {
          window.location.replace('/settings/webhooks');
        }
      });
    });
  }
}());
