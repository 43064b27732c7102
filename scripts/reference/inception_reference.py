#!/usr/bin/python3
"""Reference fixtures for the Inception-v3 feature network that FID uses.

Builds, in PyTorch, the Inception-v3 variant that pytorch-fid scores with (the
TensorFlow graph of 2015-12-05 ported to PyTorch), written here from its
architecture: BasicConv2d is a convolution without bias, batch norm with
eps 0.001 and ReLU. Mixed_5b-5d (InceptionA) and Mixed_6b-6e (InceptionC)
average-pool their pool branch with count_include_pad=False, Mixed_7b
(InceptionE) does the same, Mixed_7c (InceptionE) max-pools it instead, and
fc has 1008 classes. The features are the 2048 channel means after Mixed_7c
("pool3"). Every channel count is divided by a width divisor.

Writes to src/ml/metrics/inception/fixtures/:
- fid-inception-d8.pt: torch.save(state_dict) of the network at divisor 8 with
  random weights from a fixed seed. Batch-norm statistics are accumulated over
  random images and then perturbed, so that every layer has non-trivial
  means and variances.
- fid-inception-d8-reference.json: 2 grayscale 64 x 64 images and 1 RGB
  40 x 48 image in [-1, 1], [N, H, W, C], and their pool3 features after the
  pytorch-fid preprocessing: channels repeated to 3, bilinear resize to
  299 x 299 with align_corners=False and no antialiasing. The inputs are
  already in [-1, 1], so the [0, 1] -> [-1, 1] step of pytorch-fid is left out.
- fid-inception-layout.json: names and shapes of the full-width state_dict.
- resize-reference.json: torch.nn.functional.interpolate(mode='bilinear',
  align_corners=False) on small inputs, [H, W] row-major.
- tensors.pt, tensors.json: small tensors of several dtypes, including strided
  and offset views of a shared storage, with their values.
- legacy.pt: a tensor saved in the pre-1.6 (non-zip) format.

Run from the repository root with Debian's PyTorch (python3-torch, torch 1.13):
  /usr/bin/python3 scripts/reference/inception_reference.py
The weights depend on torch's random generator, so another torch version may
write different (equally valid) fixtures.
"""

import json
import os
import sys

import torch
import torch.nn.functional as F
from torch import nn

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'src', 'ml', 'metrics', 'inception', 'fixtures')
DIVISOR = 8
SIZE = 299


class BasicConv2d(nn.Module):
    """Convolution without bias, batch norm (eps 0.001) and ReLU."""

    def __init__(self, in_channels, out_channels, kernel, stride=1, padding=0):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel, stride=stride, padding=padding, bias=False)
        self.bn = nn.BatchNorm2d(out_channels, eps=0.001)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))


def average_pool(x):
    return F.avg_pool2d(x, 3, stride=1, padding=1, count_include_pad=False)


class InceptionA(nn.Module):
    def __init__(self, c, in_channels, pool_features):
        super().__init__()
        self.branch1x1 = BasicConv2d(in_channels, c(64), 1)
        self.branch5x5_1 = BasicConv2d(in_channels, c(48), 1)
        self.branch5x5_2 = BasicConv2d(c(48), c(64), 5, padding=2)
        self.branch3x3dbl_1 = BasicConv2d(in_channels, c(64), 1)
        self.branch3x3dbl_2 = BasicConv2d(c(64), c(96), 3, padding=1)
        self.branch3x3dbl_3 = BasicConv2d(c(96), c(96), 3, padding=1)
        self.branch_pool = BasicConv2d(in_channels, c(pool_features), 1)
        self.out_channels = c(64) + c(64) + c(96) + c(pool_features)

    def forward(self, x):
        a = self.branch1x1(x)
        b = self.branch5x5_2(self.branch5x5_1(x))
        d = self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x)))
        p = self.branch_pool(average_pool(x))
        return torch.cat([a, b, d, p], 1)


class InceptionB(nn.Module):
    def __init__(self, c, in_channels):
        super().__init__()
        self.branch3x3 = BasicConv2d(in_channels, c(384), 3, stride=2)
        self.branch3x3dbl_1 = BasicConv2d(in_channels, c(64), 1)
        self.branch3x3dbl_2 = BasicConv2d(c(64), c(96), 3, padding=1)
        self.branch3x3dbl_3 = BasicConv2d(c(96), c(96), 3, stride=2)
        self.out_channels = c(384) + c(96) + in_channels

    def forward(self, x):
        a = self.branch3x3(x)
        d = self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x)))
        p = F.max_pool2d(x, 3, stride=2)
        return torch.cat([a, d, p], 1)


class InceptionC(nn.Module):
    def __init__(self, c, in_channels, channels_7x7):
        super().__init__()
        c7 = c(channels_7x7)
        self.branch1x1 = BasicConv2d(in_channels, c(192), 1)
        self.branch7x7_1 = BasicConv2d(in_channels, c7, 1)
        self.branch7x7_2 = BasicConv2d(c7, c7, (1, 7), padding=(0, 3))
        self.branch7x7_3 = BasicConv2d(c7, c(192), (7, 1), padding=(3, 0))
        self.branch7x7dbl_1 = BasicConv2d(in_channels, c7, 1)
        self.branch7x7dbl_2 = BasicConv2d(c7, c7, (7, 1), padding=(3, 0))
        self.branch7x7dbl_3 = BasicConv2d(c7, c7, (1, 7), padding=(0, 3))
        self.branch7x7dbl_4 = BasicConv2d(c7, c7, (7, 1), padding=(3, 0))
        self.branch7x7dbl_5 = BasicConv2d(c7, c(192), (1, 7), padding=(0, 3))
        self.branch_pool = BasicConv2d(in_channels, c(192), 1)
        self.out_channels = 4 * c(192)

    def forward(self, x):
        a = self.branch1x1(x)
        b = self.branch7x7_3(self.branch7x7_2(self.branch7x7_1(x)))
        d = x
        for layer in (self.branch7x7dbl_1, self.branch7x7dbl_2, self.branch7x7dbl_3, self.branch7x7dbl_4, self.branch7x7dbl_5):
            d = layer(d)
        p = self.branch_pool(average_pool(x))
        return torch.cat([a, b, d, p], 1)


class InceptionD(nn.Module):
    def __init__(self, c, in_channels):
        super().__init__()
        self.branch3x3_1 = BasicConv2d(in_channels, c(192), 1)
        self.branch3x3_2 = BasicConv2d(c(192), c(320), 3, stride=2)
        self.branch7x7x3_1 = BasicConv2d(in_channels, c(192), 1)
        self.branch7x7x3_2 = BasicConv2d(c(192), c(192), (1, 7), padding=(0, 3))
        self.branch7x7x3_3 = BasicConv2d(c(192), c(192), (7, 1), padding=(3, 0))
        self.branch7x7x3_4 = BasicConv2d(c(192), c(192), 3, stride=2)
        self.out_channels = c(320) + c(192) + in_channels

    def forward(self, x):
        a = self.branch3x3_2(self.branch3x3_1(x))
        b = self.branch7x7x3_4(self.branch7x7x3_3(self.branch7x7x3_2(self.branch7x7x3_1(x))))
        p = F.max_pool2d(x, 3, stride=2)
        return torch.cat([a, b, p], 1)


class InceptionE(nn.Module):
    """Mixed_7b pools its pool branch by average, Mixed_7c by maximum."""

    def __init__(self, c, in_channels, max_pool):
        super().__init__()
        self.max_pool = max_pool
        self.branch1x1 = BasicConv2d(in_channels, c(320), 1)
        self.branch3x3_1 = BasicConv2d(in_channels, c(384), 1)
        self.branch3x3_2a = BasicConv2d(c(384), c(384), (1, 3), padding=(0, 1))
        self.branch3x3_2b = BasicConv2d(c(384), c(384), (3, 1), padding=(1, 0))
        self.branch3x3dbl_1 = BasicConv2d(in_channels, c(448), 1)
        self.branch3x3dbl_2 = BasicConv2d(c(448), c(384), 3, padding=1)
        self.branch3x3dbl_3a = BasicConv2d(c(384), c(384), (1, 3), padding=(0, 1))
        self.branch3x3dbl_3b = BasicConv2d(c(384), c(384), (3, 1), padding=(1, 0))
        self.branch_pool = BasicConv2d(in_channels, c(192), 1)
        self.out_channels = c(320) + 4 * c(384) + c(192)

    def forward(self, x):
        a = self.branch1x1(x)
        b = self.branch3x3_1(x)
        b = torch.cat([self.branch3x3_2a(b), self.branch3x3_2b(b)], 1)
        d = self.branch3x3dbl_2(self.branch3x3dbl_1(x))
        d = torch.cat([self.branch3x3dbl_3a(d), self.branch3x3dbl_3b(d)], 1)
        pooled = F.max_pool2d(x, 3, stride=1, padding=1) if self.max_pool else average_pool(x)
        p = self.branch_pool(pooled)
        return torch.cat([a, b, d, p], 1)


class FidInception(nn.Module):
    """The network, with modules registered in the order of pytorch-fid's state_dict."""

    def __init__(self, divisor=1):
        super().__init__()

        def c(channels):
            assert channels % divisor == 0, f'{channels} channels do not divide by {divisor}'
            return channels // divisor

        self.Conv2d_1a_3x3 = BasicConv2d(3, c(32), 3, stride=2)
        self.Conv2d_2a_3x3 = BasicConv2d(c(32), c(32), 3)
        self.Conv2d_2b_3x3 = BasicConv2d(c(32), c(64), 3, padding=1)
        self.Conv2d_3b_1x1 = BasicConv2d(c(64), c(80), 1)
        self.Conv2d_4a_3x3 = BasicConv2d(c(80), c(192), 3)
        self.Mixed_5b = InceptionA(c, c(192), 32)
        self.Mixed_5c = InceptionA(c, self.Mixed_5b.out_channels, 64)
        self.Mixed_5d = InceptionA(c, self.Mixed_5c.out_channels, 64)
        self.Mixed_6a = InceptionB(c, self.Mixed_5d.out_channels)
        self.Mixed_6b = InceptionC(c, self.Mixed_6a.out_channels, 128)
        self.Mixed_6c = InceptionC(c, self.Mixed_6b.out_channels, 160)
        self.Mixed_6d = InceptionC(c, self.Mixed_6c.out_channels, 160)
        self.Mixed_6e = InceptionC(c, self.Mixed_6d.out_channels, 192)
        self.Mixed_7a = InceptionD(c, self.Mixed_6e.out_channels)
        self.Mixed_7b = InceptionE(c, self.Mixed_7a.out_channels, max_pool=False)
        self.Mixed_7c = InceptionE(c, self.Mixed_7b.out_channels, max_pool=True)
        self.fc = nn.Linear(self.Mixed_7c.out_channels, 1008)

    def pool3(self, x):
        """Maps [N, 3, 299, 299] to the [N, C] channel means after Mixed_7c."""
        x = self.Conv2d_2b_3x3(self.Conv2d_2a_3x3(self.Conv2d_1a_3x3(x)))
        x = F.max_pool2d(x, 3, stride=2)
        x = self.Conv2d_4a_3x3(self.Conv2d_3b_1x1(x))
        x = F.max_pool2d(x, 3, stride=2)
        for name in ('5b', '5c', '5d', '6a', '6b', '6c', '6d', '6e', '7a', '7b', '7c'):
            x = getattr(self, f'Mixed_{name}')(x)
        return x.mean(dim=(2, 3))


def preprocess(images_nhwc):
    """Applies the pytorch-fid input steps to [N, H, W, C] images in [-1, 1]; returns [N, 3, 299, 299]."""
    x = images_nhwc.permute(0, 3, 1, 2)
    if x.shape[1] == 1:
        x = x.repeat(1, 3, 1, 1)
    return F.interpolate(x, size=(SIZE, SIZE), mode='bilinear', align_corners=False)


def randomise(model, generator):
    """Draws He-normal convolution weights, batch-norm affine terms and a random fc."""
    for module in model.modules():
        if isinstance(module, nn.Conv2d):
            fan_in = module.weight[0].numel()
            module.weight.data = torch.randn(module.weight.shape, generator=generator) * (2.0 / fan_in) ** 0.5
        elif isinstance(module, nn.BatchNorm2d):
            module.weight.data = torch.rand(module.weight.shape, generator=generator) * 0.8 + 0.6
            module.bias.data = torch.rand(module.bias.shape, generator=generator) * 0.6 - 0.2
        elif isinstance(module, nn.Linear):
            module.weight.data = torch.randn(module.weight.shape, generator=generator) * 0.02
            module.bias.data = torch.randn(module.bias.shape, generator=generator) * 0.02


def calibrate(model, generator):
    """Accumulates batch-norm statistics over random images, then perturbs them."""
    batch_norms = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    for bn in batch_norms:
        bn.momentum = None
        bn.reset_running_stats()
    model.train()
    with torch.no_grad():
        model.pool3(torch.rand((4, 3, SIZE, SIZE), generator=generator) * 2 - 1)
    model.eval()
    for bn in batch_norms:
        spread = bn.running_var.sqrt()
        bn.running_mean += 0.2 * spread * torch.randn(bn.running_mean.shape, generator=generator)
        bn.running_var *= torch.rand(bn.running_var.shape, generator=generator) * 0.8 + 0.7


def float_list(tensor):
    """Float32 values as Python floats; JSON keeps enough digits to round-trip them."""
    return [float(v) for v in tensor.detach().to(torch.float32).flatten().tolist()]


def write_json(name, value):
    with open(os.path.join(FIXTURES, name), 'w') as f:
        json.dump(value, f, separators=(',', ':'))
        f.write('\n')


def network_fixtures():
    generator = torch.Generator().manual_seed(20151205)
    model = FidInception(DIVISOR)
    randomise(model, generator)
    calibrate(model, generator)
    torch.save(model.state_dict(), os.path.join(FIXTURES, f'fid-inception-d{DIVISOR}.pt'))

    gray = torch.rand((2, 64, 64, 1), generator=generator) * 2 - 1
    rgb = torch.rand((1, 40, 48, 3), generator=generator) * 2 - 1
    cases = []
    with torch.no_grad():
        for name, images in (('gray', gray), ('rgb', rgb)):
            features = model.pool3(preprocess(images))
            # How far float32 itself is from exact arithmetic, for the report only.
            exact = model.double().pool3(preprocess(images.double()))
            model.float()
            print(f'{name}: |float32 - float64| max {(features.double() - exact).abs().max().item():.3g}, '
                  f'feature range [{features.min().item():.3g}, {features.max().item():.3g}]', file=sys.stderr)
            cases.append({'name': name, 'shape': list(images.shape), 'images': float_list(images),
                          'features': float_list(features), 'featureShape': list(features.shape)})
    write_json(f'fid-inception-d{DIVISOR}-reference.json', {'divisor': DIVISOR, 'cases': cases})

    layout = [{'name': name, 'shape': list(tensor.shape)} for name, tensor in FidInception(1).state_dict().items()]
    write_json('fid-inception-layout.json', layout)


def resize_fixtures():
    generator = torch.Generator().manual_seed(7)
    cases = []
    for (h, w), (out_h, out_w), step in (((5, 7), (299, 299), 3), ((8, 8), (3, 3), 1), ((64, 64), (299, 299), 5),
                                        ((40, 48), (299, 299), 5), ((301, 9), (299, 299), 7), ((1, 4), (3, 9), 1),
                                        ((6, 4), (13, 2), 1)):
        image = torch.rand((1, 1, h, w), generator=generator) * 2 - 1
        resized = F.interpolate(image, size=(out_h, out_w), mode='bilinear', align_corners=False)[0, 0]
        # Large outputs are sampled every `step` rows and columns to keep the file small.
        rows, columns = list(range(0, out_h, step)), list(range(0, out_w, step))
        cases.append({'input': [h, w], 'output': [out_h, out_w], 'image': float_list(image), 'rows': rows, 'columns': columns,
                      'values': float_list(resized[rows][:, columns])})
    write_json('resize-reference.json', cases)


def tensor_fixtures():
    """Writes tensors.pt and the values each tensor in it must read back as."""
    base = torch.arange(24, dtype=torch.float32).reshape(4, 6) / 8 - 1
    tensors = {
        'float32': torch.tensor([[1.5, -2.25, 3.0], [0.1, 1e-30, -7e20]], dtype=torch.float32),
        'float64': torch.tensor([1 / 3, -2.5, 1e-300], dtype=torch.float64),
        'float16': torch.tensor([0.5, -65504.0, 6e-8, 1 / 3], dtype=torch.float16),
        'bfloat16': torch.tensor([1.0, -3.140625, 1e-20], dtype=torch.bfloat16),
        'int64': torch.tensor([0, -1, 2 ** 40, -(2 ** 53)], dtype=torch.int64),
        'int32': torch.tensor([[7, -8]], dtype=torch.int32),
        'int16': torch.tensor([-300, 300], dtype=torch.int16),
        'int8': torch.tensor([-128, 127], dtype=torch.int8),
        'uint8': torch.tensor([0, 255], dtype=torch.uint8),
        'bool': torch.tensor([True, False, True]),
        'scalar': torch.tensor(42, dtype=torch.int64),
        'empty': torch.zeros((0, 3)),
        'base': base,
        # Views share base's storage: a transpose (strides 1, 6) and an offset, stepped slice.
        'transposed': base.t(),
        'slice': base[1:, 1::2],
        'parameter': nn.Parameter(torch.tensor([0.25, 0.75])),
    }
    torch.save(tensors, os.path.join(FIXTURES, 'tensors.pt'))
    expected = {}
    for name, tensor in tensors.items():
        values = tensor.detach().contiguous().flatten()
        if tensor.dtype in (torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8):
            listed = [str(v) for v in values.tolist()]
        elif tensor.dtype == torch.bool:
            listed = [bool(v) for v in values.tolist()]
        else:
            listed = [float(v) for v in values.to(torch.float64).tolist()]
        expected[name] = {'dtype': str(tensor.dtype).replace('torch.', ''), 'shape': list(tensor.shape), 'values': listed}
    write_json('tensors.json', expected)
    torch.save({'weight': torch.ones(2)}, os.path.join(FIXTURES, 'legacy.pt'), _use_new_zipfile_serialization=False)


def main():
    os.makedirs(FIXTURES, exist_ok=True)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    tensor_fixtures()
    resize_fixtures()
    network_fixtures()


if __name__ == '__main__':
    main()
