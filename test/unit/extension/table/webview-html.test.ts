import assert from 'node:assert/strict';
import { contentSecurityPolicy, makeNonce, tableHtml } from '../../../../src/extension/table/webview-html';

describe('webview-html: the table page and its CSP', () => {
  it('allows only nonce scripts and the extension origin, with no unsafe-inline', () => {
    const csp = contentSecurityPolicy('https://ext.example', 'S1', 'T2');
    assert.equal(
      csp,
      "default-src 'none'; script-src 'nonce-S1'; style-src https://ext.example 'nonce-T2'; font-src https://ext.example; img-src https://ext.example data:",
    );
    assert.doesNotMatch(csp, /unsafe/);
  });

  it('puts the nonces on the script and stylesheet and publishes only the style nonce', () => {
    const html = tableHtml({ cspSource: 'https://ext.example', scriptNonce: 'S1', styleNonce: 'T2', scriptUri: 'https://ext.example/main.js', styleUri: 'https://ext.example/table.css' });
    assert.match(html, /<script nonce="S1" src="https:\/\/ext.example\/main.js"><\/script>/);
    assert.match(html, /<link rel="stylesheet" nonce="T2" href="https:\/\/ext.example\/table.css">/);
    assert.match(html, /<meta property="csp-nonce" content="T2">/);
    assert.equal(html.match(/S1/g)?.length, 2, 'script nonce: in the policy and on the script tag only');
    assert.equal(html.match(/<script/g)?.length, 1, 'no inline script');
  });

  it('marks a recording\'s page with its banner and file, escaped, and a live page with neither', () => {
    const parts = { cspSource: 'https://ext.example', scriptNonce: 'S1', styleNonce: 'T2', scriptUri: 'https://ext.example/main.js', styleUri: 'https://ext.example/table.css' };
    assert.doesNotMatch(tableHtml(parts), /drp-recording/);
    const html = tableHtml({ ...parts, recording: { banner: 'Recording of 2 events from "<a>".ndjson', file: 'file:///tmp/%3Ca%3E.ndjson', id: 'recording-1' } });
    assert.match(html, /<meta name="drp-recording" content="Recording of 2 events from &quot;&lt;a&gt;&quot;.ndjson" data-file="file:\/\/\/tmp\/%3Ca%3E.ndjson" data-id="recording-1">/);
  });

  it('makes a different 128-bit nonce each time', () => {
    const a = makeNonce();
    assert.equal(Buffer.from(a, 'base64').length, 16);
    assert.notEqual(a, makeNonce());
  });
});
