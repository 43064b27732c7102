/**
 * One ingest job inside the ingest worker: reads the dropped files, stores
 * slices pair by pair under a dataset marked `ingesting`, and marks it
 * `ready` at the end. On failure or cancellation everything the job wrote is
 * deleted, so storage holds what it held before.
 */

import { serializeError } from '../core/errors';
import { createLogger } from '../core/log';
import { inputFileFromBlob } from '../io/input-file';
import { ingest } from '../preprocess/ingest';
import type { IngestReport, SliceSink } from '../preprocess/report';
import { ACDC_LABELS, generatePhantom } from '../preprocess/phantom';
import { DEFAULT_INGEST_OPTIONS, type IngestOptions, type Slice, type SliceSize } from '../preprocess/slice-dataset';
import type { IngestEvent, IngestRequest } from '../protocol/ingest';
import type { DatasetRecord } from '../storage/dataset-record';
import { addSlices, deleteDataset, putDataset } from '../storage/datasets';
import { openLabDatabase, type LabDatabase } from '../storage/db';

const log = createLogger('runtime/ingest');

type IngestJobRequest = Extract<IngestRequest, { type: 'ingest' }>;
export type PostIngestEvent = (event: IngestEvent) => void;

/** Runs `produce` against a fresh dataset id; keeps the dataset only if it returns a report. */
export async function storeDataset(
  jobId: string,
  draft: Pick<DatasetRecord, 'name' | 'origin' | 'options'>,
  produce: (sink: SliceSink) => Promise<IngestReport>,
  post: PostIngestEvent,
): Promise<void> {
  const db = await openLabDatabase();
  const id = `dataset-${crypto.randomUUID()}`;
  const createdAt = new Date().toISOString();
  try {
    await putDataset(db, placeholderRecord(id, createdAt, draft));
    const sink = indexedDbSink(db, id);
    const report = await produce(sink);
    const dataset = readyRecord(id, createdAt, draft, report);
    await putDataset(db, dataset);
    log.info('dataset stored', { jobId, id, slices: dataset.sliceCount });
    post({ type: 'done', jobId, dataset });
  } catch (error) {
    log.warn('ingest did not finish; removing what it stored', { jobId, id, error: String(error) });
    await deleteDataset(db, id).catch((cleanupError) => log.error('cleanup failed', { id, error: String(cleanupError) }));
    post({ type: 'error', jobId, error: serializeError(error) });
  }
}

export function runIngestJob(request: IngestJobRequest, signal: AbortSignal, post: PostIngestEvent): Promise<void> {
  const files = request.files.map(({ path, file }) => inputFileFromBlob(path, file));
  return storeDataset(
    request.jobId,
    { name: request.name, origin: 'folder', options: request.options },
    (sink) =>
      ingest(files, request.options, sink, {
        signal,
        onProgress: (progress) => post({ type: 'progress', jobId: request.jobId, ...progress }),
      }),
    post,
  );
}

function indexedDbSink(db: LabDatabase, datasetId: string): SliceSink {
  let seq = 0;
  return {
    async add(slices: Slice[]) {
      if (slices.length === 0) return;
      await addSlices(db, datasetId, slices, seq);
      seq += slices.length;
    },
  };
}

function placeholderRecord(id: string, createdAt: string, draft: Pick<DatasetRecord, 'name' | 'origin' | 'options'>): DatasetRecord {
  return {
    ...draft,
    id,
    createdAt,
    status: 'ingesting',
    size: draft.options.size,
    imageChannels: 0,
    classes: [],
    split: { train: [], test: [], unit: 'subject', seed: draft.options.seed },
    subjects: 0,
    sliceCount: 0,
    trainSlices: 0,
    testSlices: 0,
    report: emptyReport(draft.options),
  };
}

function readyRecord(
  id: string,
  createdAt: string,
  draft: Pick<DatasetRecord, 'name' | 'origin' | 'options'>,
  report: IngestReport,
): DatasetRecord {
  return {
    ...draft,
    id,
    createdAt,
    status: 'ready',
    size: report.size,
    imageChannels: report.channels,
    classes: report.classes,
    split: report.split,
    subjects: report.subjects.length,
    sliceCount: report.sliceCounts.train + report.sliceCounts.test,
    trainSlices: report.sliceCounts.train,
    testSlices: report.sliceCounts.test,
    report,
  };
}

function emptyReport(options: IngestOptions): IngestReport {
  return {
    pairs: [],
    leftOut: [],
    failures: [],
    classes: [],
    classSource: 'found',
    subjects: [],
    sliceCounts: { train: 0, test: 0 },
    split: { train: [], test: [], unit: 'subject', seed: options.seed },
    channels: 1,
    size: options.size,
  };
}

type PhantomJobRequest = Extract<IngestRequest, { type: 'phantom' }>;

/** Generates the built-in cardiac phantom and stores it like any dataset. */
export function runPhantomJob(request: PhantomJobRequest, post: PostIngestEvent): Promise<void> {
  const size = request.size as SliceSize;
  const options: IngestOptions = { ...DEFAULT_INGEST_OPTIONS, size, seed: request.seed, labels: ACDC_LABELS };
  return storeDataset(
    request.jobId,
    { name: request.name, origin: 'phantom', options },
    async (sink) => {
      const phantom = generatePhantom({ subjects: request.subjects, slicesPerSubject: request.slicesPerSubject, size, seed: request.seed });
      await sink.add(phantom.slices);
      return phantom.report;
    },
    post,
  );
}
