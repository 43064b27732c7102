import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDataDir, sharedPath } from '../testing/shared';
import { pairFiles, type Pairing } from './pairing';
import { DATA_EXTENSIONS, IMAGE_EXTENSIONS } from './pairing/files';
import { companionDataExtensions, supportedExtensions } from './registry';

const SHARED_DATA = sharedPath(sharedDataDir);

/** Relative paths of all files under `root`, as a folder drop lists them. */
function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(root, full).split('\\').join('/'));
    }
  };
  walk(root);
  return out;
}

function reasonOf(pairing: Pairing, path: string): string {
  const entry = pairing.leftOut.find((file) => file.path === path);
  if (!entry) throw new Error(`${path} is not left out`);
  return entry.reason;
}

/** Checks that every input path is in exactly one of pairs, leftOut and companions. */
function expectAccountedFor(pairing: Pairing, paths: string[]): void {
  const seen = [
    ...pairing.pairs.flatMap((pair) => [pair.image, pair.mask]),
    ...pairing.leftOut.map((file) => file.path),
    ...pairing.companions.map((file) => file.path),
  ];
  expect(seen.slice().sort()).toEqual(paths.slice().sort());
}

describe('pairFiles ACDC', () => {
  it('pairs the real training folder', () => {
    const paths = listFiles(join(SHARED_DATA, 'acdc'));
    const pairing = pairFiles(paths);
    const masks = paths.filter((path) => path.endsWith('_gt.nii.gz'));

    expect(masks).toHaveLength(40);
    expect(pairing.pairs).toHaveLength(40);
    expect(pairing.leftOut.filter((file) => file.path.endsWith('.nii.gz'))).toEqual([]);
    expect(new Set(pairing.pairs.map((pair) => pair.subject)).size).toBe(20);
    for (const pair of pairing.pairs) {
      expect(pair.layout).toBe('acdc');
      expect(pair.mask).toBe(pair.image.replace('.nii.gz', '_gt.nii.gz'));
      expect(pair.image.startsWith(`training/${pair.subject}/`)).toBe(true);
    }
    expectAccountedFor(pairing, paths);
  });

  it('records the frame number', () => {
    const pairing = pairFiles(['p/patient007_frame12.nii.gz', 'p/patient007_frame12_gt.nii.gz']);
    expect(pairing.pairs).toEqual([
      {
        id: 'p/patient007_frame12.nii.gz',
        subject: 'patient007',
        image: 'p/patient007_frame12.nii.gz',
        mask: 'p/patient007_frame12_gt.nii.gz',
        layout: 'acdc',
        frame: 12,
      },
    ]);
  });

  it('leaves out cine, Info.cfg and orphans', () => {
    const paths = [
      'patient001/patient001_4d.nii.gz',
      'patient001/Info.cfg',
      'patient001/patient001_frame01.nii.gz',
      'patient001/patient001_frame01_gt.nii.gz',
      'patient001/patient001_frame12.nii.gz',
      'patient001/patient001_frame13_gt.nii.gz',
    ];
    const pairing = pairFiles(paths);

    expect(pairing.pairs.map((pair) => pair.image)).toEqual(['patient001/patient001_frame01.nii.gz']);
    expect(reasonOf(pairing, 'patient001/patient001_4d.nii.gz')).toMatch(/4D cine series without a mask/);
    expect(reasonOf(pairing, 'patient001/Info.cfg')).toMatch(/not an image or mask \(\.cfg file\)/);
    expect(reasonOf(pairing, 'patient001/patient001_frame12.nii.gz')).toMatch(
      /no mask: expected patient001_frame12_gt\.nii\.gz/,
    );
    expect(reasonOf(pairing, 'patient001/patient001_frame13_gt.nii.gz')).toMatch(
      /mask without its image: expected patient001_frame13\.nii\.gz/,
    );
    expectAccountedFor(pairing, paths);
  });
});

describe('pairFiles SLiver07 and liver NIfTI', () => {
  it('pairs the real liver folder', () => {
    const paths = listFiles(join(SHARED_DATA, 'liver-ct'));
    const pairing = pairFiles(paths);

    expect(pairing.pairs).toEqual([
      { id: 'ct001.nii.gz', subject: 'ct001', image: 'ct001.nii.gz', mask: 'ct001_liver.nii.gz', layout: 'suffix' },
      {
        id: 'liver-orig001.mhd',
        subject: 'case001',
        image: 'liver-orig001.mhd',
        mask: 'liver-seg001.mhd',
        layout: 'sliver07',
      },
    ]);
    expect(pairing.companions).toEqual([
      { path: 'liver-orig001.raw', of: 'liver-orig001.mhd' },
      { path: 'liver-seg001.zraw', of: 'liver-seg001.mhd' },
    ]);
    expect(pairing.leftOut).toEqual([]);
    expectAccountedFor(pairing, paths);
  });

  it('leaves out a data file without header', () => {
    const pairing = pairFiles(['scans/liver-orig002.raw']);
    expect(reasonOf(pairing, 'scans/liver-orig002.raw')).toMatch(/without its header: expected liver-orig002\.mhd/);
  });

  it('pairs across scan and label folders', () => {
    const pairing = pairFiles(['sliver/scan/liver-orig003.mhd', 'sliver/label/liver-seg003.mhd']);
    expect(pairing.pairs.map((pair) => [pair.image, pair.mask, pair.subject])).toEqual([
      ['sliver/scan/liver-orig003.mhd', 'sliver/label/liver-seg003.mhd', 'case003'],
    ]);
  });
});

describe('pairFiles retina', () => {
  it('pairs the real CHASE_DB1 folder', () => {
    const paths = listFiles(join(SHARED_DATA, 'retina/CHASEDB1'));
    const pairing = pairFiles(paths);
    const images = paths.filter((path) => path.endsWith('.jpg'));

    expect(images).toHaveLength(28);
    expect(pairing.pairs).toHaveLength(28);
    for (const pair of pairing.pairs) {
      expect(pair.layout).toBe('chase-db1');
      expect(pair.mask).toBe(pair.image.replace('.jpg', '_1stHO.png'));
      expect(pair.subject).toBe(pair.image.replace('.jpg', ''));
    }
    const second = pairing.leftOut.filter((file) => file.path.includes('_2ndHO'));
    expect(second).toHaveLength(28);
    expect(second[0].reason).toMatch(/second annotator/);
    expectAccountedFor(pairing, paths);
  });

  it('pairs the real DRIVE folder', () => {
    const paths = listFiles(join(SHARED_DATA, 'retina/DRIVE'));
    const pairing = pairFiles(paths);

    expect(pairing.pairs).toHaveLength(20);
    expect(pairing.pairs[0]).toEqual({
      id: 'training/images/21_training.tif',
      subject: '21_training',
      image: 'training/images/21_training.tif',
      mask: 'training/1st_manual/21_manual1.gif',
      layout: 'drive',
    });
    const fieldOfView = pairing.leftOut.filter((file) => file.path.startsWith('training/mask/'));
    expect(fieldOfView).toHaveLength(20);
    for (const file of fieldOfView) expect(file.reason).toMatch(/field-of-view mask.*not a segmentation/);
    expectAccountedFor(pairing, paths);
  });

  it('pairs a DRIVE test set', () => {
    const paths = [
      'DRIVE/test/images/01_test.tif',
      'DRIVE/test/1st_manual/01_manual1.gif',
      'DRIVE/test/2nd_manual/01_manual2.gif',
      'DRIVE/test/mask/01_test_mask.gif',
      'DRIVE/training/images/21_training.tif',
      'DRIVE/training/1st_manual/21_manual1.gif',
    ];
    const pairing = pairFiles(paths);

    expect(pairing.pairs.map((pair) => [pair.image, pair.mask])).toEqual([
      ['DRIVE/test/images/01_test.tif', 'DRIVE/test/1st_manual/01_manual1.gif'],
      ['DRIVE/training/images/21_training.tif', 'DRIVE/training/1st_manual/21_manual1.gif'],
    ]);
    expect(reasonOf(pairing, 'DRIVE/test/2nd_manual/01_manual2.gif')).toMatch(/second observer/);
    expect(reasonOf(pairing, 'DRIVE/test/mask/01_test_mask.gif')).toMatch(/field-of-view/);
  });

  it('pairs IDRiD with the optic disc', () => {
    const gt = 'A. Segmentation/2. All Segmentation Groundtruths/a. Training Set';
    const paths = [
      'A. Segmentation/1. Original Images/a. Training Set/IDRiD_01.jpg',
      'A. Segmentation/1. Original Images/a. Training Set/IDRiD_02.jpg',
      `${gt}/1. Microaneurysms/IDRiD_01_MA.tif`,
      `${gt}/2. Haemorrhages/IDRiD_01_HE.tif`,
      `${gt}/3. Hard Exudates/IDRiD_01_EX.tif`,
      `${gt}/4. Soft Exudates/IDRiD_01_SE.tif`,
      `${gt}/5. Optic Disc/IDRiD_01_OD.tif`,
      `${gt}/1. Microaneurysms/IDRiD_02_MA.tif`,
    ];
    const pairing = pairFiles(paths);

    expect(pairing.pairs).toEqual([
      {
        id: 'A. Segmentation/1. Original Images/a. Training Set/IDRiD_01.jpg',
        subject: 'IDRiD_01',
        image: 'A. Segmentation/1. Original Images/a. Training Set/IDRiD_01.jpg',
        mask: `${gt}/5. Optic Disc/IDRiD_01_OD.tif`,
        layout: 'idrid',
      },
    ]);
    expect(reasonOf(pairing, `${gt}/2. Haemorrhages/IDRiD_01_HE.tif`)).toMatch(
      /haemorrhages mask of IDRiD_01: the optic disc mask \(IDRiD_01_OD\)/,
    );
    expect(reasonOf(pairing, 'A. Segmentation/1. Original Images/a. Training Set/IDRiD_02.jpg')).toMatch(
      /no optic disc mask/,
    );
    expectAccountedFor(pairing, paths);
  });
});

describe('pairFiles sibling folders', () => {
  it('pairs images and masks folders', () => {
    const pairing = pairFiles([
      'kvasir/Images/a1.jpg',
      'kvasir/Masks/a1.jpg',
      'isic/images/ISIC_0001.jpg',
      'isic/ground_truth/ISIC_0001_segmentation.png',
      'set/train/images/x.png',
      'set/train/labels/x.png',
      'set/test/images/x.png',
      'set/test/labels/x.png',
    ]);

    expect(pairing.pairs.map((pair) => [pair.image, pair.mask, pair.layout])).toEqual([
      ['isic/images/ISIC_0001.jpg', 'isic/ground_truth/ISIC_0001_segmentation.png', 'sibling-folders'],
      ['kvasir/Images/a1.jpg', 'kvasir/Masks/a1.jpg', 'sibling-folders'],
      ['set/test/images/x.png', 'set/test/labels/x.png', 'sibling-folders'],
      ['set/train/images/x.png', 'set/train/labels/x.png', 'sibling-folders'],
    ]);
    expect(pairing.leftOut).toEqual([]);
  });

  it('pairs nnU-Net channel 0000', () => {
    const paths = [
      'Dataset001/imagesTr/brain_001_0000.nii.gz',
      'Dataset001/imagesTr/brain_001_0001.nii.gz',
      'Dataset001/labelsTr/brain_001.nii.gz',
      'Dataset001/imagesTs/brain_002_0000.nii.gz',
      'Dataset001/dataset.json',
    ];
    const pairing = pairFiles(paths);

    expect(pairing.pairs).toEqual([
      {
        id: 'Dataset001/imagesTr/brain_001_0000.nii.gz',
        subject: 'brain_001',
        image: 'Dataset001/imagesTr/brain_001_0000.nii.gz',
        mask: 'Dataset001/labelsTr/brain_001.nii.gz',
        layout: 'sibling-folders',
      },
    ]);
    expect(reasonOf(pairing, 'Dataset001/imagesTr/brain_001_0001.nii.gz')).toMatch(/channel 0001 of the nnU-Net case/);
    expect(reasonOf(pairing, 'Dataset001/imagesTs/brain_002_0000.nii.gz')).toMatch(/no mask found/);
    expect(reasonOf(pairing, 'Dataset001/dataset.json')).toMatch(/not an image or mask/);
    expectAccountedFor(pairing, paths);
  });

  it('keeps split tags apart', () => {
    const pairing = pairFiles(['d/imagesTr/a.nii.gz', 'd/labelsTs/a.nii.gz']);
    expect(pairing.pairs).toEqual([]);
    expect(reasonOf(pairing, 'd/imagesTr/a.nii.gz')).toMatch(/no mask found/);
    expect(reasonOf(pairing, 'd/labelsTs/a.nii.gz')).toMatch(/mask without an image/);
  });

  it('pairs the nnU-Net form of ACDC', () => {
    const pairing = pairFiles([
      'Task027_ACDC/imagesTr/patient001_frame01_0000.nii.gz',
      'Task027_ACDC/labelsTr/patient001_frame01.nii.gz',
    ]);
    expect(pairing.pairs).toEqual([
      {
        id: 'Task027_ACDC/imagesTr/patient001_frame01_0000.nii.gz',
        subject: 'patient001',
        image: 'Task027_ACDC/imagesTr/patient001_frame01_0000.nii.gz',
        mask: 'Task027_ACDC/labelsTr/patient001_frame01.nii.gz',
        layout: 'sibling-folders',
      },
    ]);
    expect(pairing.leftOut).toEqual([]);
  });
});

describe('pairFiles suffix rule', () => {
  it('prefers generic words over structures', () => {
    const paths = ['ct/x.nii.gz', 'ct/x_liver.nii.gz', 'ct/x_seg.nii.gz', 'ct/y.png', 'ct/y_mask.png'];
    const pairing = pairFiles(paths);

    expect(pairing.pairs.map((pair) => [pair.image, pair.mask, pair.layout])).toEqual([
      ['ct/x.nii.gz', 'ct/x_seg.nii.gz', 'suffix'],
      ['ct/y.png', 'ct/y_mask.png', 'suffix'],
    ]);
    expect(reasonOf(pairing, 'ct/x_liver.nii.gz')).toMatch(/another mask of x\.nii\.gz.*x_seg\.nii\.gz is the one paired/);
    expectAccountedFor(pairing, paths);
  });

  it('does not pair across folders', () => {
    const pairing = pairFiles(['a/x.png', 'b/x_mask.png']);
    expect(pairing.pairs).toEqual([]);
    expect(reasonOf(pairing, 'a/x.png')).toMatch(/no mask found: expected x_mask/);
    expect(reasonOf(pairing, 'b/x_mask.png')).toMatch(/mask without an image: no image named x/);
  });
});

describe('pairFiles general', () => {
  it('knows the readable extensions', () => {
    expect(IMAGE_EXTENSIONS.slice().sort()).toEqual(supportedExtensions.slice().sort());
    expect(DATA_EXTENSIONS.slice().sort()).toEqual(companionDataExtensions.slice().sort());
  });

  it('explains unsupported and hidden files', () => {
    const pairing = pairFiles([
      'series/IM0001.dcm',
      '.DS_Store',
      '__MACOSX/patient001/._patient001_frame01.nii.gz',
      'volume.nrrd',
      'notes',
    ]);

    expect(pairing.pairs).toEqual([]);
    expect(reasonOf(pairing, 'series/IM0001.dcm')).toMatch(/DICOM files are not supported: convert .* dcm2niix/);
    expect(reasonOf(pairing, '.DS_Store')).toMatch(/hidden file/);
    expect(reasonOf(pairing, '__MACOSX/patient001/._patient001_frame01.nii.gz')).toMatch(/macOS archive metadata/);
    expect(reasonOf(pairing, 'volume.nrrd')).toMatch(/NRRD files are not supported/);
    expect(reasonOf(pairing, 'notes')).toMatch(/file without an extension/);
  });

  it('is independent of input order', () => {
    const paths = [
      ...listFiles(join(SHARED_DATA, 'acdc')).map((path) => `acdc/${path}`),
      ...listFiles(join(SHARED_DATA, 'retina')).map((path) => `retina/${path}`),
      'x\\y\\img.png',
      './x/y/img_mask.png',
      'x/y/img.png',
    ];
    const forward = pairFiles(paths);
    const backward = pairFiles(paths.slice().reverse());

    expect(backward).toEqual(forward);
    const ids = forward.pairs.map((pair) => pair.id);
    expect(ids).toEqual(ids.slice().sort());
    expect(forward.pairs.filter((pair) => pair.image === 'x/y/img.png')).toHaveLength(1);
  });
});
