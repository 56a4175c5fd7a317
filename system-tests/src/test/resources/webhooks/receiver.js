// A webhook receiver as a customer writes one: the public docs' Node.js check of
// X-EnvoyX-Signature (HMAC-SHA256 of JSON.stringify of the parsed body, hex, keyed with the
// secret string) and the Standard Webhooks library from npm. Verifies every delivery with every
// secret listed for its path in SECRETS_FILE ({"/path": ["whsec_...", ...]}), answers 500 to
// the first FAIL_FIRST deliveries of each event id on /fail-twice and 200 otherwise, and appends
// one JSON line per delivery to LOG_FILE. Prints its port once listening.
const http = require('http');
const crypto = require('crypto');
const fs = require('fs');
const { Webhook } = require('standardwebhooks');

const failures = new Map();

function docsSampleVerifies(secret, body, signature) {
  // The docs' sample, with the body parsed the way express.json() parses it.
  const expected = crypto.createHmac('sha256', secret).update(JSON.stringify(body)).digest('hex');
  return expected === signature;
}

function standardVerifies(secret, raw, headers) {
  try {
    new Webhook(secret).verify(raw, headers);
    return true;
  } catch (e) {
    return false;
  }
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks).toString('utf8');
    const secrets = JSON.parse(fs.readFileSync(process.env.SECRETS_FILE, 'utf8'))[req.url] || [];
    let body = null;
    try { body = JSON.parse(raw); } catch (e) { /* reported as not verified */ }
    const eventId = req.headers['webhook-id'];
    let status = 200;
    if (req.url === '/fail-twice') {
      const seen = (failures.get(eventId) || 0) + 1;
      failures.set(eventId, seen);
      if (seen <= Number(process.env.FAIL_FIRST || 2)) status = 500;
    }
    const line = {
      path: req.url,
      webhook_id: eventId,
      id: body && body.id,
      event: body && body.event,
      invoice_id: body && body.data && body.data.id,
      round_trips: body !== null && JSON.stringify(body) === raw,
      docs_sample: secrets.map((s) => body !== null && docsSampleVerifies(s, body, req.headers['x-envoyx-signature'])),
      standard_webhooks: secrets.map((s) => standardVerifies(s, raw, req.headers)),
      answered: status,
    };
    fs.appendFileSync(process.env.LOG_FILE, JSON.stringify(line) + '\n');
    res.writeHead(status, { 'Content-Type': 'text/plain' });
    res.end(status === 200 ? 'ok' : 'not yet');
  });
});

server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));
