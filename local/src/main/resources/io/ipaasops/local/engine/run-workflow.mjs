// Runs one workflow definition with aws-local-stepfunctions, routing each Task to the local function host.
// Reads {engine, definition, input, executionName, workflow, hostUrl, s3Url, signingSecret?} as JSON on stdin;
// prints one JSON line with the outcome. s3Url is the local S3 stand-in that ItemReader and ResultWriter use. With a
// signing secret (the host requires signed requests), each Task's request is signed.
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

// The engine declares Node >= 22; on Node 20 it needs only this (toolchain.md item 13).
Promise.withResolvers ??= () => {
  let resolve, reject;
  const promise = new Promise((a, b) => { resolve = a; reject = b; });
  return { promise, resolve, reject };
};

const request = JSON.parse(readFileSync(0, 'utf8'));
const { StateMachine } = await import(pathToFileURL(request.engine).href);
const definition = JSON.parse(request.definition);
const alerts = [];
const metrics = [];
const handlers = {};

// The local engine has no Distributed Map. Each one becomes a Task whose Parameters let the engine evaluate the
// map's paths (ItemReader, BatchInput, MaxConcurrencyPath, ResultWriter); its handler reads the items, runs the
// item processor as its own state machine per batch, and writes the results as ResultWriter does.
const distributedMaps = [];

function emulateDistributedMaps(states) {
  for (const [name, state] of Object.entries(states)) {
    if (state.Type !== 'Map' || !state.ItemProcessor) continue;
    emulateDistributedMaps(state.ItemProcessor.States);
    if (state.ItemProcessor.ProcessorConfig?.Mode !== 'DISTRIBUTED') continue;
    if (state.ItemSelector || state.ItemReader?.ReaderConfig?.InputType && state.ItemReader.ReaderConfig.InputType !== 'JSON') {
      throw new Error(`${name}: the local engine emulates a Distributed Map with a JSON ItemReader and no ItemSelector`);
    }
    const { ProcessorConfig, ...processor } = state.ItemProcessor;
    const batcher = state.ItemBatcher;
    const parameters = { batchInput: batcher?.BatchInput ?? {} };
    if (state.ItemReader) parameters.reader = state.ItemReader.Parameters;
    else parameters['items.$'] = state.ItemsPath ?? '$';
    if (state.ResultWriter) parameters.writer = state.ResultWriter.Parameters;
    setValue(parameters, 'maxConcurrency', state.MaxConcurrencyPath, state.MaxConcurrency ?? 0);
    setValue(parameters, 'maxItemsPerBatch', batcher?.MaxItemsPerBatchPath, batcher?.MaxItemsPerBatch ?? 0);
    setValue(parameters, 'toleratedPercentage', state.ToleratedFailurePercentagePath, state.ToleratedFailurePercentage ?? null);
    setValue(parameters, 'toleratedCount', state.ToleratedFailureCountPath, state.ToleratedFailureCount ?? null);
    distributedMaps.push({ name, processor, batched: Boolean(batcher), maxItems: state.ItemReader?.ReaderConfig?.MaxItems });
    const task = { Type: 'Task', Resource: `local:distributed-map:${distributedMaps.length - 1}`, Parameters: parameters };
    for (const key of ['Comment', 'InputPath', 'ResultSelector', 'ResultPath', 'OutputPath', 'Retry', 'Catch', 'Next', 'End']) {
      if (key in state) task[key] = state[key];
    }
    states[name] = task;
  }
}

function setValue(parameters, name, path, value) {
  if (path) parameters[`${name}.$`] = path;
  else parameters[name] = value;
}

async function s3(method, bucket, key, body) {
  if (!request.s3Url) throw named('States.Runtime', 'the local engine has no S3 stand-in for ItemReader and ResultWriter');
  const url = `${request.s3Url.replace(/\/$/, '')}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
  const response = await fetch(url, { method, body, headers: body ? { 'Content-Type': 'application/json' } : {} });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} s3://${bucket}/${key}: HTTP ${response.status} ${text.trim()}`);
  return text;
}

async function runDistributedMap(spec, input) {
  let items;
  if (input.reader) {
    try {
      items = JSON.parse(await s3('GET', input.reader.Bucket, input.reader.Key));
    } catch (e) {
      throw named('States.ItemReaderFailed', e.message);
    }
  } else {
    items = input.items;
  }
  if (!Array.isArray(items)) throw named('States.ItemReaderFailed', `${spec.name}: the items are not a JSON array`);
  if (spec.maxItems) items = items.slice(0, spec.maxItems);
  const size = spec.batched ? (input.maxItemsPerBatch || items.length || 1) : 1;
  const batches = [];
  for (let i = 0; i < items.length; i += size) {
    const chunk = items.slice(i, i + size);
    batches.push(spec.batched ? { Items: chunk, BatchInput: input.batchInput } : chunk[0]);
  }
  const mapRunId = randomUUID();
  const machineName = request.workflow ?? 'workflow';
  const mapRunArn = `arn:aws:states:local:000000000000:mapRun:${machineName}/${spec.name}:${mapRunId}`;
  const childMachine = `arn:aws:states:local:000000000000:stateMachine:${machineName}/${spec.name}`;
  // One machine for every batch: building one validates the definition (about 80 ms), running one is cheap.
  const machine = new StateMachine(spec.processor, { validationOptions: { checkPaths: false, checkArn: false } });
  const results = new Array(batches.length);
  let failedItems = 0;
  let exceeded = false;
  // As on AWS: no threshold tolerates nothing; with both, exceeding either fails the map.
  const { toleratedCount, toleratedPercentage } = input;
  const tolerated = (count) => (toleratedCount == null && toleratedPercentage == null ? count === 0
    : (toleratedCount == null || count <= toleratedCount)
      && (toleratedPercentage == null || count * 100 <= toleratedPercentage * items.length));
  let next = 0;
  const worker = async () => {
    while (next < batches.length && !exceeded) {
      const index = next++;
      const childName = `${mapRunId}:${index}`;
      const started = new Date().toISOString();
      const entry = { ExecutionArn: `${childMachine}:${childName}`, Input: JSON.stringify(batches[index]),
        InputDetails: { Included: true }, Name: childName, StartDate: started, StateMachineArn: childMachine };
      try {
        const output = await machine.run(batches[index], {
          overrides: { taskResourceLocalHandlers: handlers },
          context: { Execution: { Name: childName, Input: batches[index], StartTime: started } },
        }).result;
        results[index] = { ...entry, Output: JSON.stringify(output), OutputDetails: { Included: true },
          Status: 'SUCCEEDED', StopDate: new Date().toISOString() };
      } catch (e) {
        const failure = e.cause instanceof Error ? e.cause : e;
        results[index] = { ...entry, Error: failure.name, Cause: failure.message, Status: 'FAILED',
          StopDate: new Date().toISOString() };
        failedItems += spec.batched ? batches[index].Items.length : 1;
        if (!tolerated(failedItems)) exceeded = true;
      }
    }
  };
  const concurrency = Math.max(1, Math.min(input.maxConcurrency || batches.length, batches.length || 1));
  await Promise.all(Array.from({ length: concurrency }, worker));
  let output = results.filter(Boolean).map((r) => (r.Output === undefined ? null : JSON.parse(r.Output)));
  if (input.writer) output = await writeResults(input.writer, mapRunId, mapRunArn, results.filter(Boolean));
  if (exceeded) {
    throw named('States.ExceedToleratedFailureThreshold', 'The specified tolerated failure threshold was exceeded');
  }
  return output;
}

// What ResultWriter writes: one file per status with every child execution's record, and a manifest naming them.
async function writeResults(writer, mapRunId, mapRunArn, results) {
  const prefix = `${writer.Prefix ? `${writer.Prefix.replace(/\/$/, '')}/` : ''}${mapRunId}`;
  const files = { FAILED: [], PENDING: [], SUCCEEDED: [] };
  try {
    for (const status of ['SUCCEEDED', 'FAILED']) {
      const entries = results.filter((r) => (status === 'SUCCEEDED') === (r.Status === 'SUCCEEDED'));
      if (entries.length === 0) continue;
      const key = `${prefix}/${status}_0.json`;
      const body = JSON.stringify(entries);
      await s3('PUT', writer.Bucket, key, body);
      files[status].push({ Key: key, Size: Buffer.byteLength(body) });
    }
    const manifest = `${prefix}/manifest.json`;
    await s3('PUT', writer.Bucket, manifest, JSON.stringify({ DestinationBucket: writer.Bucket, MapRunArn: mapRunArn,
      ResultFiles: files }));
    return { MapRunArn: mapRunArn, ResultWriterDetails: { Bucket: writer.Bucket, Key: manifest } };
  } catch (e) {
    throw named('States.ResultWriterFailed', e.message);
  }
}

function collectTasks(states) {
  for (const [name, state] of Object.entries(states)) {
    if (state.Type === 'Task') {
      handlers[name] = handlerFor(state.Resource);
    }
    if (state.ItemProcessor) collectTasks(state.ItemProcessor.States);
    for (const branch of state.Branches ?? []) collectTasks(branch.States);
  }
}

function handlerFor(resource) {
  if (resource.startsWith('local:distributed-map:')) {
    const spec = distributedMaps[Number(resource.slice('local:distributed-map:'.length))];
    return async (input) => runDistributedMap(spec, input);
  }
  if (resource.startsWith('local:action:')) {
    const route = resource.slice('local:action:'.length);
    return async (input) => callAction(route, input);
  }
  if (resource === 'arn:aws:states:::sns:publish') {
    return async (input) => { alerts.push(input); return { MessageId: `local-${alerts.length}` }; };
  }
  if (resource === 'arn:aws:states:::aws-sdk:cloudwatch:putMetricData') {
    return async (input) => { metrics.push(input); return {}; };
  }
  return async () => { throw named('States.TaskFailed', `no local handler for ${resource}: the action is not in this build`); };
}

function named(name, message) {
  const error = new Error(message);
  error.name = name;
  return error;
}

async function callAction(route, input) {
  const step = input.workflowStep ?? { input };
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (step.key) headers['Idempotency-Key'] = step.key;
  const body = JSON.stringify(step.input ?? {});
  if (request.signingSecret) {
    // The timestamped form the host accepts: t=<unix seconds>,v1=<HMAC-SHA256 of "<t>.<body>">.
    const t = Math.floor(Date.now() / 1000);
    headers['X-Ipaas-Signature'] = `t=${t},v1=${createHmac('sha256', request.signingSecret).update(`${t}.${body}`).digest('hex')}`;
  }
  let response;
  try {
    response = await fetch(`${request.hostUrl}/${route}`, { method: 'POST', headers, body });
  } catch (e) {
    throw named('Lambda.ServiceException', `the local host did not answer: ${e.message}`);
  }
  const text = await response.text();
  if (response.status === 200) return JSON.parse(text);
  // Our error types become the Java exception names Lambda reports, so Retry and Catch match as on AWS.
  let type = 'internal';
  let message = text;
  try {
    const error = JSON.parse(text).error;
    type = error.type;
    message = text.trim();
  } catch (e) { /* not our error shape */ }
  const exception = `io.ipaasops.core.${type.split('_').map((p) => p[0].toUpperCase() + p.slice(1)).join('')}Exception`;
  throw named(type === 'internal' ? 'Lambda.Unknown' : exception, message);
}

emulateDistributedMaps(definition.States);
collectTasks(definition.States);
for (const spec of distributedMaps) collectTasks(spec.processor.States);

try {
  const machine = new StateMachine(definition, { validationOptions: { checkPaths: false, checkArn: false } });
  const execution = machine.run(request.input, {
    overrides: { taskResourceLocalHandlers: handlers },
    context: { Execution: { Name: request.executionName, Input: request.input, StartTime: new Date().toISOString() } },
  });
  const output = await execution.result;
  process.stdout.write(JSON.stringify({ status: 'SUCCEEDED', output, alerts, metrics }) + '\n');
} catch (e) {
  // The engine wraps what failed the execution: report that, as Step Functions does.
  const failure = e.cause instanceof Error ? e.cause : e;
  process.stdout.write(JSON.stringify({ status: 'FAILED', error: failure.name, cause: failure.message, alerts, metrics })
    + '\n');
}
