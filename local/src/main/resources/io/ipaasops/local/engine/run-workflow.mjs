// Runs one workflow definition with aws-local-stepfunctions, routing each Task to the local function host.
// Reads {engine, definition, input, executionName, hostUrl, signingSecret?} as JSON on stdin; prints one JSON line
// with the outcome. With a signing secret (the host requires signed requests), each Task's request is signed.
import { createHmac } from 'node:crypto';
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

// The local engine has no Distributed Map: run it inline, over the batches its ItemBatcher would make.
function inlineDistributedMaps(states) {
  for (const [name, state] of Object.entries(states)) {
    if (state.Type !== 'Map' || !state.ItemProcessor) continue;
    inlineDistributedMaps(state.ItemProcessor.States);
    if (state.ItemProcessor.ProcessorConfig?.Mode !== 'DISTRIBUTED') continue;
    const batcher = state.ItemBatcher ?? { MaxItemsPerBatch: 1 };
    const itemsPath = state.ItemsPath ?? '$';
    const inline = { ...state, ItemProcessor: { ...state.ItemProcessor, ProcessorConfig: { Mode: 'INLINE' } } };
    inline.ItemsPath = '$.__batches';
    inline.ItemSelector = { 'Items.$': '$$.Map.Item.Value', BatchInput: batcher.BatchInput ?? {} };
    for (const key of ['ItemBatcher', 'ToleratedFailurePercentage', 'ToleratedFailureCount', 'ItemReader', 'ResultWriter']) {
      delete inline[key];
    }
    // The batches are made in a Pass state that takes the map's name, so that every Next still leads here.
    states[`${name} (batches)`] = inline;
    states[name] = {
      Type: 'Pass',
      Parameters: { 'batches.$': `States.ArrayPartition(${itemsPath}, ${batcher.MaxItemsPerBatch ?? 1})` },
      ResultPath: '$.__partition',
      Next: `${name} (batched)`,
    };
    states[`${name} (batched)`] = { Type: 'Pass', InputPath: '$.__partition.batches', ResultPath: '$.__batches',
      Next: `${name} (batches)` };
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

inlineDistributedMaps(definition.States);
collectTasks(definition.States);

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
