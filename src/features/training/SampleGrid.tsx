import { useMemo } from 'react';
import { SliceCanvas } from '../../components/SliceCanvas';
import { decodeJointSample, type JointLayout } from '../../ml/data/joint';

interface SampleGridProps {
  grid: Float32Array;
  step: number;
  layout: JointLayout;
}

/** The fixed latent vectors' samples: generated image with its argmax mask overlaid. */
export function SampleGrid({ grid, step, layout }: SampleGridProps) {
  const samples = useMemo(() => {
    const perSample = layout.side * layout.side * (layout.imageChannels + layout.numClasses);
    const count = Math.floor(grid.length / perSample);
    return Array.from({ length: count }, (_, i) => decodeJointSample(grid, layout, i));
  }, [grid, layout]);

  return (
    <figure className="panel" aria-label="Generated samples">
      <figcaption>Samples at step {step}, same latent vectors throughout</figcaption>
      <div className="grid sample-grid" role="list" aria-label="Sample grid">
        {samples.map((sample, i) => (
          <div role="listitem" key={i} className="tile">
            <SliceCanvas
              slice={{ side: layout.side, channels: layout.imageChannels, image: sample.image, classIds: sample.classIds }}
              label={`Generated sample ${i + 1} at step ${step} with its mask`}
              displaySide={88}
            />
          </div>
        ))}
      </div>
    </figure>
  );
}
