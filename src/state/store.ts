/**
 * The page's state: one zustand store built from typed slices. State is
 * serialisable data only; workers, tensors and database handles live in the
 * feature modules that own them.
 */

import { create } from 'zustand';
import type { SerializedError } from '../core/errors';
import type { ExperimentRecord } from '../ml/experiments/experiment-record';
import type { CachedModelSummary } from '../ml/metrics/extractor-refs';
import type { FidelityRecord } from '../ml/metrics/fidelity-record';
import type { BackendReport } from '../protocol/backend';
import type { ExperimentStage } from '../protocol/experiment';
import type { EvaluationStage } from '../protocol/metrics';
import type { TrainingStatus } from '../protocol/training';
import { DEFAULT_INGEST_OPTIONS, type IngestOptions } from '../preprocess/slice-dataset';
import type { DatasetRecord } from '../storage/dataset-record';
import type { MetricRecord, RunRecord } from '../storage/schema';

export type Page = 'datasets' | 'dataset' | 'training' | 'runs' | 'metrics' | 'experiments';

export interface NavigationSlice {
  page: Page;
  selectedDatasetId: string | null;
  selectedRunId: string | null;
  navigate(page: Page, selection?: { datasetId?: string | null; runId?: string | null }): void;
}

export interface IngestJob {
  jobId: string;
  name: string;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  file: string;
  bytesDone: number;
  bytesTotal: number;
  startedAt: number;
  error?: SerializedError;
}

export interface DatasetsSlice {
  datasets: DatasetRecord[];
  /** Preprocessing options for the next folder added, by picker or by drop. */
  ingestOptions: IngestOptions;
  ingest: IngestJob | null;
  setIngestOptions(options: IngestOptions): void;
  setDatasets(datasets: DatasetRecord[]): void;
  setIngest(job: IngestJob | null): void;
  patchIngest(change: Partial<IngestJob>): void;
}

/** What the page knows of a run beyond its stored record, while a worker trains it. */
export interface LiveRun {
  status: TrainingStatus | 'failed' | 'idle';
  backend?: BackendReport;
  step: number;
  totalSteps: number;
  stepsPerSecond: number;
  imagesPerSecond: number;
  /** Estimated seconds to the last step; null until a step has been timed. */
  secondsLeft: number | null;
  /** A pause or stop the worker has not acted on yet: it acts between steps. */
  requested?: 'pause' | 'stop';
  metrics: MetricRecord[];
  samples: { step: number; grid: Float32Array } | null;
  lastCheckpointStep: number | null;
  error?: SerializedError;
}

export interface RunsSlice {
  runs: RunRecord[];
  live: Record<string, LiveRun>;
  setRuns(runs: RunRecord[]): void;
  patchLive(runId: string, change: Partial<LiveRun>): void;
  appendMetric(runId: string, metric: MetricRecord): void;
}

export interface EvaluationJob {
  jobId: string;
  runId: string;
  step: number;
  mode: 'live' | 'on-demand';
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  stage: EvaluationStage | null;
  done: number;
  total: number;
  startedAt: number;
  error?: SerializedError;
}

export interface MetricsSlice {
  /** Fidelity records by run, in step order. */
  fidelity: Record<string, FidelityRecord[]>;
  evaluations: Record<string, EvaluationJob>;
  /** Cached models that provide features (Inception weights, layers models with a chosen layer). */
  extractors: CachedModelSummary[];
  setExtractors(extractors: CachedModelSummary[]): void;
  setFidelity(runId: string, records: FidelityRecord[]): void;
  addFidelity(record: FidelityRecord): void;
  addEvaluation(job: EvaluationJob): void;
  patchEvaluation(jobId: string, change: Partial<EvaluationJob>): void;
}

export interface ExperimentProgress {
  itemId: string;
  stage: ExperimentStage;
  done: number;
  total: number;
  detail: string;
  /** performance.now() when this item's stage began, for the time left. */
  stageStartedAt: number;
}

export interface ExperimentsSlice {
  experiments: ExperimentRecord[];
  experimentProgress: Record<string, ExperimentProgress>;
  setExperiments(experiments: ExperimentRecord[]): void;
  putExperimentInState(experiment: ExperimentRecord): void;
  setExperimentProgress(experimentId: string, progress: ExperimentProgress | null): void;
}

export interface NoticeSlice {
  /** The latest error or warning the user has not dismissed. */
  notice: { kind: 'error' | 'info'; message: string } | null;
  showNotice(notice: { kind: 'error' | 'info'; message: string } | null): void;
}

export type LabState = NavigationSlice & DatasetsSlice & RunsSlice & MetricsSlice & ExperimentsSlice & NoticeSlice;

export const emptyLiveRun = (): LiveRun => ({
  status: 'idle',
  step: 0,
  totalSteps: 0,
  stepsPerSecond: 0,
  imagesPerSecond: 0,
  secondsLeft: null,
  metrics: [],
  samples: null,
  lastCheckpointStep: null,
});

export const useLabStore = create<LabState>()((set) => ({
  page: 'datasets',
  selectedDatasetId: null,
  selectedRunId: null,
  navigate: (page, selection = {}) =>
    set((state) => ({
      page,
      selectedDatasetId: selection.datasetId !== undefined ? selection.datasetId : state.selectedDatasetId,
      selectedRunId: selection.runId !== undefined ? selection.runId : state.selectedRunId,
    })),

  datasets: [],
  ingestOptions: DEFAULT_INGEST_OPTIONS,
  ingest: null,
  setIngestOptions: (ingestOptions) => set({ ingestOptions }),
  setDatasets: (datasets) => set({ datasets }),
  setIngest: (ingest) => set({ ingest }),
  patchIngest: (change) => set((state) => (state.ingest ? { ingest: { ...state.ingest, ...change } } : {})),

  runs: [],
  live: {},
  setRuns: (runs) => set({ runs }),
  patchLive: (runId, change) =>
    set((state) => ({ live: { ...state.live, [runId]: { ...(state.live[runId] ?? emptyLiveRun()), ...change } } })),
  appendMetric: (runId, metric) =>
    set((state) => {
      const current = state.live[runId] ?? emptyLiveRun();
      return { live: { ...state.live, [runId]: { ...current, metrics: [...current.metrics, metric] } } };
    }),

  fidelity: {},
  evaluations: {},
  extractors: [],
  setExtractors: (extractors) => set({ extractors }),
  setFidelity: (runId, records) => set((state) => ({ fidelity: { ...state.fidelity, [runId]: records } })),
  addFidelity: (record) =>
    set((state) => {
      const others = (state.fidelity[record.runId] ?? []).filter((r) => !(r.step === record.step && r.extractorId === record.extractorId));
      const records = [...others, record].sort((a, b) => a.step - b.step);
      return { fidelity: { ...state.fidelity, [record.runId]: records } };
    }),
  addEvaluation: (job) => set((state) => ({ evaluations: { ...state.evaluations, [job.jobId]: job } })),
  patchEvaluation: (jobId, change) =>
    set((state) => {
      const current = state.evaluations[jobId];
      return current ? { evaluations: { ...state.evaluations, [jobId]: { ...current, ...change } } } : {};
    }),

  experiments: [],
  experimentProgress: {},
  setExperiments: (experiments) => set({ experiments }),
  putExperimentInState: (experiment) =>
    set((state) => {
      const others = state.experiments.filter((e) => e.id !== experiment.id);
      return { experiments: [experiment, ...others].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) };
    }),
  setExperimentProgress: (experimentId, progress) =>
    set((state) => {
      const next = { ...state.experimentProgress };
      if (progress) next[experimentId] = progress;
      else delete next[experimentId];
      return { experimentProgress: next };
    }),

  notice: null,
  showNotice: (notice) => set({ notice }),
}));
