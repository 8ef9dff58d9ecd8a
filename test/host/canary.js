// Counting "canary" servers on 127.0.0.1 that stand in for the real OpenAI and Hugging Face
// endpoints in the test profile's settings. Nothing in a test should ever reach them: a test
// that wants an endpoint starts its own emulator and points the settings there. A stray
// request thus fails locally (503) instead of leaving the machine, and is recorded, so a test
// can prove "no request sent" and the runner can report strays.
//
// GET <url>/__canary__/requests answers the recorded requests as JSON and is not recorded.
const http = require('http');

const CONTROL = '/__canary__/requests';

function startCanary(name) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const urlPath = (req.url || '').split('?')[0];
    if (req.method === 'GET' && urlPath === CONTROL) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(requests));
      return;
    }
    // Only method and path: a stray request may carry a (fake) key we must not print.
    requests.push({ method: req.method, path: urlPath, time: new Date().toISOString() });
    req.resume();
    res.writeHead(503, { 'content-type': 'text/plain' });
    res.end(`tandem test canary (${name}): no request should reach this server\n`);
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        name,
        port,
        origin: `http://127.0.0.1:${port}`,
        requests,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}

module.exports = { startCanary, CANARY_CONTROL_PATH: CONTROL };
