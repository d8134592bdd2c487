// A second process loading /share (sharing-load.test.ts): takes a token, then fires
// `requests` calls with `concurrency` in flight, alternating between the servers given,
// and prints what came back as one JSON line. Plain Node (fetch), no test framework.
const { urls, path, clientId, clientSecret, requests, concurrency } = JSON.parse(process.argv[2]);

const tokenRes = await fetch(`${urls[0]}/oauth/token`, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
  body: 'grant_type=client_credentials',
});
if (tokenRes.status !== 200) throw new Error(`token: ${tokenRes.status} ${await tokenRes.text()}`);
const { access_token: token } = await tokenRes.json();

const statuses = {};
let withoutReceipt = 0;
let next = 0;
const started = performance.now();
async function lane() {
  while (next < requests) {
    const i = next++;
    const res = await fetch(`${urls[i % urls.length]}${path}`, { headers: { authorization: `Bearer ${token}`, 'x-road-issue': `LOAD-${i}` } });
    await res.arrayBuffer();
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    if (!res.headers.get('x-lis-receipt')) withoutReceipt += 1;
  }
}
await Promise.all(Array.from({ length: concurrency }, lane));
console.log(JSON.stringify({ statuses, withoutReceipt, ms: Math.round(performance.now() - started) }));
