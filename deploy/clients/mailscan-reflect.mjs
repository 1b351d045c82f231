// A gRPC client that needs no .proto file: it asks the server's reflection service what the
// server offers, then calls it with JSON, in the manner of grpcurl.
//   node deploy/clients/mailscan-reflect.mjs HOST:PORT list
//   node deploy/clients/mailscan-reflect.mjs HOST:PORT describe SYMBOL      (a service or a message)
//   node deploy/clients/mailscan-reflect.mjs HOST:PORT call SERVICE/METHOD JSON
// JSON is one request message, or an array of them for a method that takes a stream; every
// response is printed as one line of JSON. MAILSCAN_API_KEY, when set, is sent as a bearer key.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const loadOptions = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true };

// The part of the reflection protocol (grpc.reflection.v1alpha) this client uses, by field number.
const reflectionJson = {
  nested: { grpc: { nested: { reflection: { nested: { v1alpha: { nested: {
    ServerReflection: { methods: { ServerReflectionInfo: {
      requestType: 'ServerReflectionRequest', requestStream: true, responseType: 'ServerReflectionResponse', responseStream: true } } },
    ServerReflectionRequest: {
      oneofs: { message_request: { oneof: ['file_by_filename', 'file_containing_symbol', 'list_services'] } },
      fields: { host: { type: 'string', id: 1 }, file_by_filename: { type: 'string', id: 3 },
        file_containing_symbol: { type: 'string', id: 4 }, list_services: { type: 'string', id: 7 } } },
    ServerReflectionResponse: {
      oneofs: { message_response: { oneof: ['file_descriptor_response', 'list_services_response', 'error_response'] } },
      fields: { valid_host: { type: 'string', id: 1 }, file_descriptor_response: { type: 'FileDescriptorResponse', id: 4 },
        list_services_response: { type: 'ListServiceResponse', id: 6 }, error_response: { type: 'ErrorResponse', id: 7 } } },
    FileDescriptorResponse: { fields: { file_descriptor_proto: { rule: 'repeated', type: 'bytes', id: 1 } } },
    ListServiceResponse: { fields: { service: { rule: 'repeated', type: 'ServiceResponse', id: 1 } } },
    ServiceResponse: { fields: { name: { type: 'string', id: 1 } } },
    ErrorResponse: { fields: { error_code: { type: 'int32', id: 1 }, error_message: { type: 'string', id: 2 } } },
  } } } } } } },
};
const { ServerReflection } = grpc.loadPackageDefinition(protoLoader.fromJSON(reflectionJson, loadOptions)).grpc.reflection.v1alpha;

function metadata() {
  const data = new grpc.Metadata();
  if (process.env.MAILSCAN_API_KEY) data.set('authorization', `Bearer ${process.env.MAILSCAN_API_KEY}`);
  return data;
}

// One question to the reflection service, one answer.
function ask(reflection, request) {
  return new Promise((resolve, reject) => {
    const call = reflection.ServerReflectionInfo(metadata());
    call.on('data', (response) => {
      call.end();
      if (response.message_response === 'error_response') {
        reject(new Error(`reflection: ${response.error_response.error_message} (code ${response.error_response.error_code})`));
      } else {
        resolve(response);
      }
    });
    call.on('error', reject);
    call.write(request);
  });
}

// The files that define a symbol, with every file they import, as one FileDescriptorSet.
async function descriptorSet(reflection, symbol) {
  const files = new Map();
  const take = (response) => response.file_descriptor_response.file_descriptor_proto.forEach((bytes) => files.set(bytes.toString('base64'), bytes));
  take(await ask(reflection, { file_containing_symbol: symbol }));
  // A server may answer with the file alone: fetch any import it left out.
  const known = () => protoLoader.loadFileDescriptorSetFromBuffer(encodeSet([...files.values()]), loadOptions);
  for (;;) {
    try {
      return known();
    } catch (error) {
      const missing = /import "?([^"\s]+\.proto)"?/.exec(String(error.message))?.[1];
      if (!missing) throw error;
      take(await ask(reflection, { file_by_filename: missing }));
    }
  }
}

// FileDescriptorSet { repeated FileDescriptorProto file = 1; }: each file as a length-delimited field 1.
function encodeSet(files) {
  const parts = [];
  for (const file of files) {
    const length = [];
    for (let n = file.length; ; n >>>= 7) {
      if (n < 0x80) { length.push(n); break; }
      length.push((n & 0x7f) | 0x80);
    }
    parts.push(Buffer.from([0x0a, ...length]), file);
  }
  return Buffer.concat(parts);
}

const typeName = (method, side) => `${method[`${side}Stream`] ? 'stream ' : ''}${method[`${side}Type`].type.name}`;

async function describe(reflection, symbol) {
  const definition = (await descriptorSet(reflection, symbol))[symbol];
  if (!definition) throw new Error(`reflection: no symbol ${symbol}`);
  if (definition.format) {
    console.log(`message ${symbol} {`);
    for (const field of definition.type.field) {
      const type = field.typeName ? field.typeName.replace(/^\./, '') : field.type.replace(/^TYPE_/, '').toLowerCase();
      console.log(`  ${field.label === 'LABEL_REPEATED' ? 'repeated ' : ''}${type} ${field.name} = ${field.number};`);
    }
  } else {
    console.log(`service ${symbol} {`);
    for (const [name, method] of Object.entries(definition)) {
      if (name === method.originalName) continue; // each method is listed under its original and its camel-case name
      console.log(`  rpc ${name}(${typeName(method, 'request')}) returns (${typeName(method, 'response')});`);
    }
  }
  console.log('}');
}

async function call(server, reflection, target, json) {
  const [service, method] = target.split('/');
  const definition = await descriptorSet(reflection, service);
  const Client = grpc.makeGenericClientConstructor(definition[service], service);
  const client = new Client(server, grpc.credentials.createInsecure());
  const spec = definition[service][method];
  if (!spec) throw new Error(`${service} has no method ${method}`);
  const requests = [].concat(JSON.parse(json ?? '{}'));
  const print = (message) => console.log(JSON.stringify(message));
  try {
    if (spec.requestStream) {
      await new Promise((resolve, reject) => {
        const stream = client[method](metadata(), (error, response) => (error ? reject(error) : resolve(print(response))));
        requests.forEach((r) => stream.write(r));
        stream.end();
      });
    } else if (spec.responseStream) {
      for await (const response of client[method](requests[0], metadata())) print(response);
    } else {
      await new Promise((resolve, reject) => client[method](requests[0], metadata(), (error, response) => (error ? reject(error) : resolve(print(response)))));
    }
  } finally {
    client.close();
  }
}

const [server, command, symbol, json] = process.argv.slice(2);
if (!server || !['list', 'describe', 'call'].includes(command)) {
  console.error('usage: mailscan-reflect.mjs HOST:PORT list | describe SYMBOL | call SERVICE/METHOD JSON');
  process.exit(2);
}
const reflection = new ServerReflection(server, grpc.credentials.createInsecure());
try {
  if (command === 'list') {
    const response = await ask(reflection, { list_services: '' });
    response.list_services_response.service.forEach((s) => console.log(s.name));
  } else if (command === 'describe') {
    await describe(reflection, symbol);
  } else {
    await call(server, reflection, symbol, json);
  }
} catch (error) {
  console.error(`error: ${error.details ?? error.message}`);
  process.exitCode = 1;
} finally {
  reflection.close();
}
