// A MailScanCluster client for Node: scan one domain, or run a batch and follow its results,
// resuming from the last cursor when the stream breaks. The same program as docs/API.md's
// Python example; the .proto files are loaded at run time, so there is nothing to generate.
//   node deploy/clients/mailscan-client.mjs HOST:PORT scan DOMAIN
//   node deploy/clients/mailscan-client.mjs HOST:PORT batch NAMES_FILE [--drop-after N]
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const protos = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'protos');
const definition = protoLoader.loadSync(['mailscan/v1/scan_service.proto'], {
  includeDirs: [protos], keepCase: true, longs: String, enums: String, defaults: true, oneofs: true,
});
const { MailScanService } = grpc.loadPackageDefinition(definition).mailscan.v1;

function metadata() {
  const data = new grpc.Metadata();
  if (process.env.MAILSCAN_API_KEY) data.set('authorization', `Bearer ${process.env.MAILSCAN_API_KEY}`);
  return data;
}

const verdicts = (report) => report.categories.map((c) => `${c.id}=${c.status}`).join(' ');

async function scan(client, domain) {
  for await (const event of client.ScanDomain({ domain }, metadata())) {
    if (event.event === 'servers') console.log('servers', event.servers.mx.map((h) => h.name).join(' '));
    else if (event.event === 'category') console.log('category', event.category.id, event.category.status);
    else console.log('report', event.report.domain, verdicts(event.report));
  }
}

function submit(client, names, label) {
  return new Promise((resolve, reject) => {
    const call = client.SubmitBatch(metadata(), (error, response) => (error ? reject(error) : resolve(response)));
    for (let start = 0; start < names.length; start += 1000) {
      call.write({ names: names.slice(start, start + 1000), label: start === 0 ? label : '' });
    }
    call.end();
  });
}

// StreamBatchResults from after `cursor` until the batch is done; a broken stream resumes from the last cursor.
async function* follow(client, batchId, cursor, dropAfter) {
  for (;;) {
    const stream = client.StreamBatchResults({ batch_id: batchId, after_cursor: String(cursor) }, metadata());
    try {
      for await (const result of stream) {
        cursor = Number(result.cursor);
        yield result;
        if (cursor === dropAfter) stream.cancel(); // as a lost connection would: the next read fails, the loop resumes
      }
      return;
    } catch (error) {
      if (error.code !== grpc.status.CANCELLED && error.code !== grpc.status.UNAVAILABLE) throw error;
      console.error(`stream lost after result ${cursor} (${grpc.status[error.code]}); resuming`);
    }
  }
}

async function batch(client, path, dropAfter) {
  const names = readFileSync(path, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const submitted = await submit(client, names, basename(path));
  console.error(`batch ${submitted.batch_id}: ${submitted.accepted} names accepted`);
  for await (const result of follow(client, submitted.batch_id, 0, dropAfter)) {
    console.log(result.cursor, result.report.domain, result.report.error || verdicts(result.report));
  }
  const done = await new Promise((resolve, reject) => client.GetBatch({ batch_id: submitted.batch_id }, metadata(),
    (error, status) => (error ? reject(error) : resolve(status))));
  console.error(`batch ${done.batch_id}: ${done.state}, ${done.done} of ${done.total} reported`);
}

const [server, command, target, ...options] = process.argv.slice(2);
const client = new MailScanService(server, grpc.credentials.createInsecure());
const dropAfter = options[0] === '--drop-after' ? Number(options[1]) : undefined;
try {
  await (command === 'scan' ? scan(client, target) : batch(client, target, dropAfter));
} finally {
  client.close();
}
