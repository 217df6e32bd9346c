/*
 * Certificate Manager pages: copy buttons, file upload into a form field, the settings form showing
 * only what the chosen CA and challenge need, and the request page following a running request
 * without reloading. Plain JavaScript, no libraries, nothing loaded from elsewhere. Every page works
 * without it, only less conveniently.
 */
(function () {
    'use strict';

    var POLL_INTERVAL_MS = 1000;

    function labels() {
        var element = document.getElementById('cm-labels');
        return element ? element.dataset : {};
    }

    // Openfire puts a fresh CSRF token in the session on every page or endpoint hit, polls
    // included, so every form on the page is given the newest one.
    function updateCsrf(token) {
        if (!token) {
            return;
        }
        document.querySelectorAll('input[name="csrf"]').forEach(function (input) {
            input.value = token;
        });
    }

    function copyText(text, button) {
        var done = function () {
            var original = button.dataset.label || button.textContent;
            button.dataset.label = original;
            button.textContent = labels().copied || original;
            setTimeout(function () { button.textContent = original; }, 1500);
        };
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
        } else {
            fallbackCopy(text);
            done();
        }
    }

    // The admin console is often reached over plain HTTP, where the Clipboard API is not offered.
    function fallbackCopy(text) {
        var area = document.createElement('textarea');
        area.value = text;
        area.setAttribute('readonly', '');
        area.style.position = 'fixed';
        area.style.opacity = '0';
        document.body.appendChild(area);
        area.select();
        try { document.execCommand('copy'); } catch (ignored) { /* the text stays selectable on the page */ }
        document.body.removeChild(area);
    }

    function bindCopyButtons(root) {
        root.querySelectorAll('[data-copy-target]').forEach(function (button) {
            if (button.dataset.bound) {
                return;
            }
            button.dataset.bound = 'true';
            button.addEventListener('click', function () {
                var target = document.getElementById(button.dataset.copyTarget);
                copyText(target.value !== undefined ? target.value : target.textContent, button);
            });
        });
    }

    // Openfire's plugin servlet reads no multipart form, so a chosen file travels as base64 in a field.
    function bindFileInputs() {
        document.querySelectorAll('input[type="file"][data-file-target]').forEach(function (input) {
            input.addEventListener('change', function () {
                var target = document.getElementById(input.dataset.fileTarget);
                target.value = '';
                if (!input.files.length) {
                    return;
                }
                var reader = new FileReader();
                reader.onload = function () {
                    var bytes = new Uint8Array(reader.result);
                    var binary = '';
                    for (var i = 0; i < bytes.length; i++) {
                        binary += String.fromCharCode(bytes[i]);
                    }
                    target.value = btoa(binary);
                };
                reader.readAsArrayBuffer(input.files[0]);
            });
        });
    }

    // data-show-if="field=A,B" shows an element while the field's value is A or B; "field!=A" while it is not.
    function bindConditionalFields() {
        var form = document.getElementById('cm-settings');
        if (!form) {
            return;
        }
        var conditional = form.querySelectorAll('[data-show-if]');
        var valueOf = function (name) {
            var checked = form.querySelector('[name="' + name + '"]:checked');
            if (checked) {
                return checked.value;
            }
            var field = form.querySelector('select[name="' + name + '"]');
            return field ? field.value : '';
        };
        var refresh = function () {
            conditional.forEach(function (element) {
                var rule = element.dataset.showIf;
                var negated = rule.indexOf('!=') > 0;
                var parts = rule.split(negated ? '!=' : '=');
                var matches = parts[1].split(',').indexOf(valueOf(parts[0])) >= 0;
                element.hidden = negated ? matches : !matches;
            });
            var ca = form.querySelector('select[name="ca"]');
            var directory = document.getElementById('cm-preset-directory');
            if (ca && directory) {
                directory.textContent = ca.options[ca.selectedIndex].dataset.directory || '';
            }
        };
        form.addEventListener('change', refresh);
        refresh();
    }

    function cell(row, content, className) {
        var td = row.insertCell();
        if (content instanceof Node) {
            td.appendChild(content);
        } else if (content) {
            td.textContent = content;
        }
        if (className) {
            td.className = className;
        }
        return td;
    }

    function element(tag, text, className) {
        var created = document.createElement(tag);
        if (text) {
            created.textContent = text;
        }
        if (className) {
            created.className = className;
        }
        return created;
    }

    function renderProgress(progress) {
        var words = labels();
        var phase = document.getElementById('cm-phase');
        phase.dataset.phase = progress.phase;
        phase.textContent = words[phaseKey(progress.phase)] || progress.phase;

        var names = document.querySelector('#cm-names tbody');
        names.textContent = '';
        progress.names.forEach(function (name) {
            var row = names.insertRow();
            row.dataset.name = name.name;
            cell(row, element('code', name.name));
            cell(row, element('span', words[stateKey(name.state)] || name.state,
                'cm-state cm-state-' + name.state.toLowerCase()));
            cell(row, name.detail);
        });

        var dns = document.getElementById('cm-dns');
        dns.hidden = progress.phase !== 'AWAITING_DNS_RECORDS';
        var records = document.querySelector('#cm-dns-records tbody');
        records.textContent = '';
        progress.dnsRecords.forEach(function (record, index) {
            var row = records.insertRow();
            [['owner', record.owner], ['value', record.value]].forEach(function (part, column) {
                var code = element('code', part[1]);
                code.id = 'cm-dns-' + part[0] + '-' + index;
                var button = element('button', words.copy, 'cm-copy');
                button.type = 'button';
                button.dataset.copyTarget = code.id;
                var td = cell(row, code);
                td.appendChild(button);
                if (column === 0) {
                    cell(row, 'TXT');
                }
            });
        });
        bindCopyButtons(records);

        // How it ended, worded by the server in the admin's language: why it failed, or how the install went.
        document.getElementById('cm-failure').hidden = !progress.failed;
        document.getElementById('cm-failure-text').textContent = progress.failed ? progress.outcome : '';
        document.getElementById('cm-result').hidden = !progress.installed;
        document.getElementById('cm-result-text').textContent = progress.installed ? progress.outcome : '';
        document.getElementById('cm-spinner').hidden = progress.finished;
        document.getElementById('cm-cancel-form').hidden = progress.finished;
    }

    // Bundle labels arrive as data-phase-awaiting_dns_records, which the dataset names phaseAwaiting_dns_records.
    function phaseKey(phase) {
        return datasetKey('phase-' + phase.toLowerCase());
    }

    function stateKey(state) {
        return datasetKey('state-' + state.toLowerCase());
    }

    function datasetKey(attribute) {
        return attribute.replace(/-([a-z])/g, function (m, c) { return c.toUpperCase(); });
    }

    function followProgress() {
        var section = document.getElementById('cm-progress');
        if (!section || section.dataset.finished === 'true') {
            return;
        }
        var lost = null;
        var shown = null;
        var poll = function () {
            fetch(section.dataset.pollUrl, { credentials: 'same-origin', cache: 'no-store',
                headers: { 'Accept': 'application/json' } })
                .then(function (response) {
                    if (!response.ok) {
                        throw new Error('HTTP ' + response.status);
                    }
                    return response.text();
                })
                .then(function (text) {
                    var progress = JSON.parse(text);
                    if (lost) {
                        lost.remove();
                        lost = null;
                    }
                    updateCsrf(progress.csrf);
                    // Redrawn only on change, so a row being read or a button being clicked stays put.
                    var withoutToken = text.replace(/"csrf":"[^"]*"/, '');
                    if (withoutToken !== shown) {
                        renderProgress(progress);
                        shown = withoutToken;
                    }
                    section.dataset.finished = String(progress.finished);
                    if (!progress.finished) {
                        setTimeout(poll, POLL_INTERVAL_MS);
                    }
                })
                .catch(function () {
                    if (!lost) {
                        lost = element('div', labels().connectionLost, 'jive-warning cm-notice');
                        section.insertBefore(lost, section.firstChild);
                    }
                    setTimeout(poll, POLL_INTERVAL_MS * 3);
                });
        };
        setTimeout(poll, POLL_INTERVAL_MS);
    }

    document.addEventListener('DOMContentLoaded', function () {
        bindCopyButtons(document);
        bindFileInputs();
        bindConditionalFields();
        followProgress();
    });
}());
