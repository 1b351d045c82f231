// Offline checks of the deployment files, without a Docker engine or a Kubernetes API server:
//   node deploy/validate/validate.mjs [ROOT]      (test.sh installs the packages: npm install --prefix deploy/validate)
// - docker-compose.yml against the compose schema and dclint's rules (dclint);
// - every manifest in k8s/ against the Kubernetes schemas (kubernetes-models);
// - what no schema knows: services select existing pods, references resolve, KEDA scales
//   existing workers on queues those workers consume, every process runs a mailscan command,
//   and every MAILSCAN__ setting names a known section;
// - no manifest and no compose service carries a literal secret (a password in a URL or a
//   setting, a value in a shipped Secret): secrets come from the generated Secret or the environment.
// Prints one line per problem and exits 1 when there is any.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import * as yaml from 'js-yaml';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';

const root = process.argv[2] ?? process.cwd();
const here = new URL('.', import.meta.url).pathname;
const problems = [];
const problem = (where, what) => problems.push(`${where}: ${what}`);

const families = ['dns', 'ns', 'smtp', 'rpki', 'https'];
const commands = ['serve', 'coordinator', 'worker', 'batch', 'scan', 'stats'];
const sections = ['Dns', 'Targets', 'Smtp', 'Tls', 'Rpki', 'Scan', 'Cluster', 'Auth', 'Logging', 'Telemetry', 'Access'];
const models = {
  'v1/Namespace': Namespace, 'v1/ConfigMap': ConfigMap, 'v1/Secret': Secret, 'v1/Service': Service,
  'apps/v1/Deployment': Deployment, 'apps/v1/StatefulSet': StatefulSet,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};

// A literal secret: a password inside a URL (user:password@, unless it is a $(VAR) or ${VAR}
// reference), a password= option, or a literal value under a name that says password, secret or token.
const secretName = /(pass(word)?|secret|token)$/i;
function literalSecret(name, value) {
  if (typeof value !== 'string' || value === '') return false;
  if (/:\/\/[^\/\s:@]*:(?!\$)[^@\s\/]+@/.test(value)) return true;
  if (/(^|[,\s])password=(?!\$)[^,\s]+/i.test(value)) return true;
  return secretName.test(name ?? '') && !/^\$[({]/.test(value);
}
function checkNoSecrets(where, pairs) {
  for (const [name, value] of pairs)
    if (literalSecret(name, value)) problem(where, `literal secret in ${name}: take it from the generated Secret or the environment`);
}

function checkSettings(where, names) {
  for (const name of names) {
    const match = /^MAILSCAN__([A-Za-z]+)__/.exec(name);
    if (name.startsWith('MAILSCAN__') && (!match || !sections.includes(match[1])))
      problem(where, `setting ${name} names no known section (${sections.join(', ')})`);
  }
}

function checkArgs(where, args) {
  if (!args || !commands.includes(args[0])) {
    problem(where, `runs '${(args ?? []).join(' ')}', not a mailscan command (${commands.join(', ')})`);
    return [];
  }
  const at = args.indexOf('--kinds');
  const kinds = args[0] === 'worker' ? (at >= 0 ? args[at + 1].split(',') : families) : [];
  for (const kind of kinds)
    if (!families.includes(kind)) problem(where, `worker kind '${kind}' is not a probe family (${families.join(', ')})`);
  return kinds;
}

// YAML merge keys (<<: *anchor), which js-yaml leaves as a key of their own.
const mergeKeys = map => {
  const { '<<': merged, ...rest } = map;
  return Object.assign({}, ...[merged ?? []].flat().map(mergeKeys), rest);
};

// --- docker compose -------------------------------------------------------------------------
const composePath = join(root, 'docker-compose.yml');
try {
  execFileSync(join(here, 'node_modules', '.bin', 'dclint'), [composePath, '--color', 'false', '--max-warnings', '0'], { stdio: 'pipe' });
} catch (error) {
  problem('docker-compose.yml', `dclint: ${String(error.stdout ?? error.message).trim()}`);
}
const compose = yaml.load(readFileSync(composePath, 'utf8'));
for (const [name, service] of Object.entries(compose.services ?? {})) {
  const where = `docker-compose.yml: service ${name}`;
  for (const dependency of Object.keys(service.depends_on ?? {}))
    if (!compose.services[dependency]) problem(where, `depends on unknown service ${dependency}`);
  if (service.build?.dockerfile && !existsSync(join(root, service.build.context ?? '.', service.build.dockerfile)))
    problem(where, `no Dockerfile ${service.build.dockerfile}`);
  if (service.build?.dockerfile?.includes('mailscan')) checkArgs(where, service.command);
  const environment = Array.isArray(service.environment)
    ? Object.fromEntries(service.environment.map(e => [e.split('=')[0], e.split('=').slice(1).join('=')]))
    : mergeKeys(service.environment ?? {});
  checkSettings(where, Object.keys(environment));
  checkNoSecrets(where, [...Object.entries(environment), ...(Array.isArray(service.command) ? service.command : []).map(a => ['command', a])]);
}

// --- Kubernetes -----------------------------------------------------------------------------
const documents = [];
for (const file of readdirSync(join(root, 'k8s')).filter(f => f.endsWith('.yaml')).sort()) {
  for (const doc of yaml.loadAll(readFileSync(join(root, 'k8s', file), 'utf8')).filter(Boolean))
    documents.push({ file, doc });
}
// Secrets that kustomize generates from an env file (shipped as FILE.example, the operator writes FILE).
const generated = [];
for (const { file, doc } of documents.filter(d => d.doc.kind === 'Kustomization')) {
  for (const generator of doc.secretGenerator ?? []) {
    const keys = {};
    for (const env of generator.envs ?? []) {
      const path = [join(root, 'k8s', env), join(root, 'k8s', env + '.example')].find(existsSync);
      if (!path) { problem(`k8s/${file}`, `secretGenerator ${generator.name}: neither ${env} nor ${env}.example exists`); continue; }
      for (const line of readFileSync(path, 'utf8').split('\n').map(l => l.trim()).filter(l => l && !l.startsWith('#')))
        keys[line.split('=')[0]] = '(generated)';
    }
    generated.push({ file, doc: { kind: 'Secret', metadata: { name: generator.name }, stringData: keys } });
  }
}
const named = (kind, name) => documents.concat(generated).find(d => d.doc.kind === kind && d.doc.metadata?.name === name);
const workloads = documents.filter(d => ['Deployment', 'StatefulSet'].includes(d.doc.kind));

for (const { file, doc } of documents) {
  const where = `k8s/${file}: ${doc.kind} ${doc.metadata?.name}`;
  const model = models[`${doc.apiVersion}/${doc.kind}`];
  if (model) {
    try { new model(doc).validate(); } catch (error) { problem(where, error.message); }
    if (doc.kind === 'Secret') problem(where, 'a shipped Secret carries working values: generate it (secretGenerator in kustomization.yaml)');
    if (doc.kind === 'ConfigMap') checkNoSecrets(where, Object.entries(doc.data ?? {}));
    if (doc.kind === 'NetworkPolicy') {
      const labels = [...Object.entries(doc.spec?.podSelector?.matchLabels ?? {})];
      const expressions = doc.spec?.podSelector?.matchExpressions ?? [];
      const selects = w => labels.every(([k, v]) => w.doc.spec.template.metadata.labels?.[k] === v)
        && expressions.every(e => e.operator !== 'In' || e.values.includes(w.doc.spec.template.metadata.labels?.[e.key]));
      for (const e of expressions)
        for (const value of e.operator === 'In' ? e.values : [])
          if (!workloads.some(w => w.doc.spec.template.metadata.labels?.[e.key] === value)) problem(where, `selects ${e.key}=${value}, which no pod carries`);
      if (!workloads.some(selects)) problem(where, 'selects no pods');
    }
  } else if (doc.kind === 'Kustomization') {
    for (const resource of doc.resources ?? [])
      if (!existsSync(join(root, 'k8s', resource))) problem(where, `resource ${resource} does not exist`);
    const listed = new Set(doc.resources ?? []);
    for (const other of new Set(documents.map(d => d.file)))
      if (other !== file && !listed.has(other)) problem(where, `${other} is not listed in resources`);
  } else if (doc.apiVersion === 'keda.sh/v1alpha1' && doc.kind === 'ScaledObject') {
    const target = named('Deployment', doc.spec?.scaleTargetRef?.name);
    if (!target) { problem(where, `scales ${doc.spec?.scaleTargetRef?.name}, which is no Deployment`); continue; }
    const kinds = checkArgs(where, target.doc.spec.template.spec.containers[0].args);
    for (const trigger of doc.spec.triggers ?? []) {
      const queue = trigger.metadata?.queueName ?? '';
      if (trigger.type !== 'rabbitmq' || !queue.startsWith('probe-') || !kinds.includes(queue.slice(6)))
        problem(where, `trigger on queue '${queue}', which ${target.doc.metadata.name} does not consume`);
      if (trigger.authenticationRef && !named('TriggerAuthentication', trigger.authenticationRef.name))
        problem(where, `no TriggerAuthentication ${trigger.authenticationRef.name}`);
    }
  } else if (doc.apiVersion === 'keda.sh/v1alpha1' && doc.kind === 'TriggerAuthentication') {
    for (const ref of doc.spec?.secretTargetRef ?? []) {
      const secret = named('Secret', ref.name);
      if (!secret || !(ref.key in (secret.doc.stringData ?? secret.doc.data ?? {}))) problem(where, `no key ${ref.key} in Secret ${ref.name}`);
    }
  } else if (doc.apiVersion === 'monitoring.coreos.com/v1' && doc.kind === 'ServiceMonitor') {
    // Scrapes the named port of the Services it selects: at least one must carry the labels and the port.
    const selector = Object.entries(doc.spec?.selector?.matchLabels ?? {});
    const services = documents.filter(d => d.doc.kind === 'Service' && selector.every(([k, v]) => d.doc.metadata?.labels?.[k] === v));
    if (selector.length === 0 || services.length === 0) problem(where, 'selects no Service');
    for (const endpoint of doc.spec?.endpoints ?? [])
      if (!services.some(s => (s.doc.spec?.ports ?? []).some(p => p.name === endpoint.port))) problem(where, `no selected Service has a port named ${endpoint.port}`);
  } else {
    problem(where, `unknown kind ${doc.apiVersion}/${doc.kind}`);
  }
}

for (const { file, doc } of documents.filter(d => d.doc.kind === 'Service')) {
  const where = `k8s/${file}: Service ${doc.metadata.name}`;
  const selector = Object.entries(doc.spec?.selector ?? {});
  const pods = workloads.filter(w => selector.every(([k, v]) => w.doc.spec.template.metadata.labels?.[k] === v));
  if (pods.length === 0) { problem(where, 'selects no pods'); continue; }
  const ports = pods.flatMap(p => p.doc.spec.template.spec.containers.flatMap(c => c.ports ?? []));
  for (const port of doc.spec.ports ?? [])
    if (typeof port.targetPort === 'string' && !ports.some(p => p.name === port.targetPort))
      problem(where, `target port ${port.targetPort} is no container port`);
}

for (const { file, doc } of workloads) {
  const where = `k8s/${file}: ${doc.kind} ${doc.metadata.name}`;
  for (const container of doc.spec.template.spec.containers) {
    if (container.image?.startsWith('mailscan:')) {
      checkArgs(where, container.args);
      if (!container.readinessProbe || !container.livenessProbe) problem(where, 'a mailscan container needs readiness and liveness probes');
    }
    for (const from of container.envFrom ?? []) {
      const ref = from.configMapRef ?? from.secretRef;
      const kind = from.configMapRef ? 'ConfigMap' : 'Secret';
      const found = named(kind, ref?.name);
      if (!found) problem(where, `no ${kind} ${ref?.name}`);
      else checkSettings(`k8s/${found.file}`, Object.keys(found.doc.data ?? found.doc.stringData ?? {}));
    }
    checkSettings(where, (container.env ?? []).map(e => e.name));
    checkNoSecrets(where, [...(container.env ?? []).map(e => [e.name, e.value]), ...(container.args ?? []).map(a => ['args', a])]);
  }
}

// --- The resolver never queries special-use addresses -----------------------------------------
// deploy/docker/unbound.conf (baked into mailscan-unbound, which k8s runs) and any unbound.conf
// a ConfigMap carries: every block the scanner refuses to contact must be a do-not-query-address,
// and the private ranges must be private-address, so a hostile delegation cannot aim the resolver
// into the cluster's networks.
const cidr = text => {
  const [address, length] = text.trim().split('/');
  const v6 = address.includes(':');
  let value = 0n;
  if (v6) {
    const [head, tail = ''] = address.split('::');
    const parts = h => (h === '' ? [] : h.split(':').map(x => BigInt(parseInt(x, 16))));
    const left = parts(head), right = address.includes('::') ? parts(tail) : [];
    const groups = [...left, ...Array(8 - left.length - right.length).fill(0n), ...right];
    for (const g of groups) value = (value << 16n) | g;
  } else {
    for (const octet of address.split('.')) value = (value << 8n) | BigInt(Number(octet));
  }
  return { v6, value, length: BigInt(Number(length)), bits: v6 ? 128n : 32n };
};
const covers = (outer, inner) => outer.v6 === inner.v6 && outer.length <= inner.length
  && (outer.value >> (outer.bits - outer.length)) === (inner.value >> (inner.bits - outer.length));
const specialUse = [...readFileSync(join(here, '..', '..', 'src', 'MailScan.Checks', 'Targets', 'SpecialUseNetworks.cs'), 'utf8')
  .matchAll(/IPNetwork\.Parse\("([^"]+)"\)/g)].map(m => m[1]).filter(b => b !== '2000::/3');
const privateRanges = ['10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7', 'fe80::/10'];
function checkResolver(where, text) {
  const values = key => [...text.matchAll(new RegExp(`^\\s*${key}:\\s*(\\S+)`, 'gm'))].map(m => cidr(m[1]));
  const refused = values('do-not-query-address'), stripped = values('private-address');
  for (const block of specialUse)
    if (!refused.some(r => covers(r, cidr(block)))) problem(where, `may query ${block}: no do-not-query-address covers it`);
  for (const block of ['::/3', '4000::/2', '8000::/1'])
    if (!refused.some(r => covers(r, cidr(block)))) problem(where, `may query ${block} (outside IPv6 global unicast): no do-not-query-address covers it`);
  for (const block of privateRanges)
    if (!stripped.some(r => covers(r, cidr(block)))) problem(where, `passes ${block} in answers: no private-address covers it`);
  if (/^\s*do-not-query-localhost:\s*no/m.test(text)) problem(where, 'do-not-query-localhost is off');
}
if (specialUse.length < 20) problem('src/MailScan.Checks/Targets/SpecialUseNetworks.cs', `only ${specialUse.length} blocks found; the check reads IPNetwork.Parse("...") lines`);
checkResolver('deploy/docker/unbound.conf', readFileSync(join(root, 'deploy', 'docker', 'unbound.conf'), 'utf8'));
for (const { file, doc } of documents.filter(d => d.doc.kind === 'ConfigMap'))
  for (const [key, value] of Object.entries(doc.data ?? {}))
    if (key.endsWith('unbound.conf')) checkResolver(`k8s/${file}: ConfigMap ${doc.metadata.name} ${key}`, value);

for (const line of problems) console.log(line);
console.log(problems.length === 0
  ? `deployment files valid: docker-compose.yml (${Object.keys(compose.services).length} services), k8s/ (${documents.length} documents)`
  : `${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);
