// A client of the coordinator's batch REST API (Internet.nl's batch API v2), built at run time from
// our OpenAPI document (openapi-client-axios) and checking every answer against it (openapi-backend):
// a status code the document does not list for the call, or a body that does not match, ends it.
//   node deploy/clients/internetnl-batch.mjs URL register NAMES_FILE [NAME]   prints the request id
//   node deploy/clients/internetnl-batch.mjs URL status|wait|cancel ID
//   node deploy/clients/internetnl-batch.mjs URL results|technical ID OUT_FILE
//   node deploy/clients/internetnl-batch.mjs URL list
// Credentials: HTTP Basic with MAILSCAN_API_KEY as the password (MAILSCAN_API_USER as the user name).
// Exit codes: 0 done, 1 an answer the document does not allow, 2 usage, 4 the API refused (its error is printed).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { OpenAPIClientAxios } from 'openapi-client-axios';
import { OpenAPIBackend } from 'openapi-backend';

const documentPath = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'internetnl', 'batch-api.openapi.yaml');
const definition = yaml.load(readFileSync(documentPath, 'utf8'));

const [url, command, ...rest] = process.argv.slice(2);
if (!url || !command) {
  console.error('usage: internetnl-batch.mjs URL register|status|wait|cancel|results|technical|list ...');
  process.exit(2);
}

const backend = new OpenAPIBackend({ definition: structuredClone(definition), strict: true, quick: false });
await backend.init();
const api = new OpenAPIClientAxios({
  definition: structuredClone(definition),
  axiosConfigDefaults: {
    baseURL: `${url.replace(/\/$/, '')}/api/batch/v2`,
    validateStatus: () => true,
    ...(process.env.MAILSCAN_API_KEY ? { auth: { username: process.env.MAILSCAN_API_USER ?? 'mailscan', password: process.env.MAILSCAN_API_KEY } } : {}),
  },
});
const client = await api.init();

// One call by its operationId; the answer is checked against the document before anything reads it.
async function call(operationId, ...args) {
  const response = await client[operationId](...args);
  const documented = backend.getOperation(operationId)?.responses?.[String(response.status)];
  if (!documented) fail(`${operationId}: status ${response.status} is not in the document`);
  const check = backend.validateResponse(response.data, operationId, response.status);
  if (check.errors?.length) fail(`${operationId} ${response.status}: ${JSON.stringify(check.errors)}\n${JSON.stringify(response.data)}`);
  if (response.status !== 200) {
    console.error(`${operationId}: ${response.status} ${response.data.error.label}: ${response.data.error.msg}`);
    process.exit(4);
  }
  return response.data;
}

function fail(message) {
  console.error(`not as documented: ${message}`);
  process.exit(1);
}

const requestLine = (r) => `${r.request_id} ${r.status} ${r.progress ?? ''} ${r.name}`.replace(/ +/g, ' ');

switch (command) {
  case 'register': {
    const domains = readFileSync(rest[0], 'utf8').split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
    const reply = await call('register_request', null, { type: 'mail', name: rest[1] ?? rest[0], domains });
    console.log(reply.request.request_id);
    break;
  }
  case 'status':
    console.log(requestLine((await call('status_request', { request_id: rest[0], progress: 'true' })).request));
    break;
  case 'wait': {
    let last = '';
    for (;;) {
      const { request } = await call('status_request', { request_id: rest[0], progress: 'true' });
      if (request.progress !== last) console.error(`${request.status} ${request.progress}`);
      last = request.progress;
      if (request.status !== 'running') {
        console.log(requestLine(request));
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    break;
  }
  case 'cancel':
    console.log(requestLine((await call('patch_request', { request_id: rest[0] }, { status: 'cancelled' })).request));
    break;
  case 'results':
  case 'technical': {
    const reply = await call(command === 'results' ? 'results' : 'results_technical', { request_id: rest[0] });
    writeFileSync(rest[1], JSON.stringify(reply, null, 2));
    for (const [domain, result] of Object.entries(reply.domains)) {
      const categories = Object.entries(result.results?.categories ?? {}).map(([id, c]) => `${id}=${c.status}`);
      const servers = Object.keys(result.receiving_mailservers ?? {}).length;
      console.log([domain, result.status, ...(command === 'results' ? [result.scoring?.percentage ?? '-', ...categories] : [`mailservers=${servers}`])].join(' '));
    }
    break;
  }
  case 'list':
    for (const request of (await call('list_requests', { limit: 0, progress: 'true' })).requests) console.log(requestLine(request));
    break;
  default:
    console.error(`unknown command ${command}`);
    process.exit(2);
}
