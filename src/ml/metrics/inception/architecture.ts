/**
 * The pytorch-fid Inception-v3 as a list of stages, and the state_dict layout
 * its weights file must have. pytorch-fid ports the TensorFlow Inception
 * graph of 2015-12-05 (the one TensorFlow's FID code scores with), which
 * differs from torchvision's Inception-v3 in the pool branches of Mixed_5*,
 * Mixed_6b-6e and Mixed_7b/7c and in its 1008-class fc layer.
 */

import { inceptionA } from './inception-a';
import { inceptionB } from './inception-b';
import { inceptionC } from './inception-c';
import { inceptionD } from './inception-d';
import { inceptionE } from './inception-e';
import { channelWidth, type Block } from './layers';
import { stem } from './stem';

/** Outputs of the fc layer in pytorch-fid's weights, as in the 2015 TensorFlow graph; torchvision's Inception-v3 has 1000. */
export const FC_CLASSES = 1008;

/**
 * The weights file pytorch-fid downloads. NOTE: by torch.hub's naming convention the 8 hex digits
 * are the start of the file's SHA-256; that was not checked against the file itself here.
 */
export const PYTORCH_FID_WEIGHTS_FILE = 'pt_inception-2015-12-05-6726825d.pth';
export const PYTORCH_FID_SHA256_PREFIX = '6726825d';

/** Builds the stages from the 299 x 299 input to Mixed_7c, at full width divided by `divisor`. */
export function fidInceptionBlocks(divisor = 1): Block[] {
  const width = channelWidth(divisor);
  const blocks = [stem(width)];
  const add = (make: (inChannels: number) => Block) => blocks.push(make(blocks[blocks.length - 1].outChannels));

  add((c) => inceptionA('Mixed_5b', c, 32, width));
  add((c) => inceptionA('Mixed_5c', c, 64, width));
  add((c) => inceptionA('Mixed_5d', c, 64, width));
  add((c) => inceptionB('Mixed_6a', c, width));
  add((c) => inceptionC('Mixed_6b', c, 128, width));
  add((c) => inceptionC('Mixed_6c', c, 160, width));
  add((c) => inceptionC('Mixed_6d', c, 160, width));
  add((c) => inceptionC('Mixed_6e', c, 192, width));
  add((c) => inceptionD('Mixed_7a', c, width));
  add((c) => inceptionE('Mixed_7b', c, 'average', width));
  add((c) => inceptionE('Mixed_7c', c, 'max', width));
  return blocks;
}

export interface WeightLayoutEntry {
  /** state_dict key, such as `Mixed_5b.branch_pool.conv.weight`. */
  name: string;
  /** PyTorch shape; convolution weights are [out, in, kernelRows, kernelColumns]. */
  shape: number[];
  /**
   * False for batch norm's `num_batches_tracked`, which inference never reads.
   * The fc tensors are required although pool3 does not use them: their 1008
   * classes tell pytorch-fid's weights from torchvision's 1000-class ones.
   */
  required: boolean;
}

/** Lists every tensor of the state_dict, in PyTorch's order, at full width divided by `divisor`. */
export function fidInceptionWeightLayout(divisor = 1): WeightLayoutEntry[] {
  const blocks = fidInceptionBlocks(divisor);
  const layout: WeightLayoutEntry[] = [];
  for (const spec of blocks.flatMap((block) => block.convs)) {
    const [rows, columns] = spec.kernel;
    const channels = [spec.outChannels];
    layout.push(
      { name: `${spec.name}.conv.weight`, shape: [spec.outChannels, spec.inChannels, rows, columns], required: true },
      { name: `${spec.name}.bn.weight`, shape: channels, required: true },
      { name: `${spec.name}.bn.bias`, shape: channels, required: true },
      { name: `${spec.name}.bn.running_mean`, shape: channels, required: true },
      { name: `${spec.name}.bn.running_var`, shape: channels, required: true },
      { name: `${spec.name}.bn.num_batches_tracked`, shape: [], required: false },
    );
  }
  const features = blocks[blocks.length - 1].outChannels;
  layout.push(
    { name: 'fc.weight', shape: [FC_CLASSES, features], required: true },
    { name: 'fc.bias', shape: [FC_CLASSES], required: true },
  );
  return layout;
}

/** The layout of pytorch-fid's full-width weights file. */
export const PYTORCH_FID_WEIGHT_LAYOUT: readonly WeightLayoutEntry[] = fidInceptionWeightLayout(1);
