import { SliceCanvas } from '../../components/SliceCanvas';
import { formatPercent } from '../../components/format';
import type { MemorizationResult } from '../../ml/metrics/fidelity-record';

/** The generated samples nearest to a training image, each beside that image. */
export function MemorizationPairs({ result, side, channels }: { result: MemorizationResult; side: number; channels: number }) {
  return (
    <figure className="panel" aria-label={`Closest pairs in ${result.space} space`}>
      <figcaption>
        Closest generated and training images in {result.space} space: {formatPercent(result.closerThanAnyTest)} of generated samples
        are nearer a training image than any real test image is ({formatPercent(result.closerThanFifthPercentile)} nearer than 5 % of
        them); median distances {result.medianGeneratedDistance.toFixed(3)} generated, {result.medianTestDistance.toFixed(3)} test.
      </figcaption>
      <div className="grid" role="list" aria-label={`Memorisation pairs, ${result.space}`}>
        {result.pairs.map((pair) => (
          <div role="listitem" className="pair" key={`${pair.generatedIndex}-${pair.trainingIndex}`}>
            <SliceCanvas slice={{ side, channels, image: pair.generated, classIds: null }} label={`Generated sample ${pair.generatedIndex}`} displaySide={72} />
            <SliceCanvas slice={{ side, channels, image: pair.training, classIds: null }} label={`Training image ${pair.trainingIndex}, distance ${pair.distance.toFixed(3)}`} displaySide={72} />
            <span>{pair.distance.toFixed(3)}</span>
          </div>
        ))}
      </div>
    </figure>
  );
}
