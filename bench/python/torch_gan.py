"""Times the lab's GAN backbone and losses in PyTorch on the CPU, for comparison.

The networks mirror src/ml/models (DCGAN-style: dense projection to 4x4,
4x4 stride-2 transposed convolutions; strided 4x4 convolutions down to 4x4,
then a dense logit), with each GAN's preset: normalisation, activations,
spectral norm, optimiser, critic steps, clipping and gradient penalty.
Usage: python3 torch_gan.py CASES_JSON  (a JSON list of case objects, as
bench/gan/measure.ts describes them, each with its preset config).
Prints a JSON list of {gan, resolution, imagesPerSecond, secondsPerStep}.
"""

import json
import math
import sys
import time

import torch
from torch import nn
from torch.nn import functional as F


def width(filters, depth):
    return filters * min(2 ** depth, 8)


def norm_layer(kind, channels):
    if kind == 'batch':
        return nn.BatchNorm2d(channels, momentum=0.1, eps=1e-5)
    if kind == 'instance':
        return nn.InstanceNorm2d(channels, affine=True, eps=1e-5)
    return nn.Identity()


def activation(kind):
    return {
        'relu': nn.ReLU(),
        'leaky-relu': nn.LeakyReLU(0.2),
        'elu': nn.ELU(),
        'selu': nn.SELU(),
    }[kind]


def maybe_sn(layer, on):
    return nn.utils.spectral_norm(layer) if on else layer


class Generator(nn.Module):
    def __init__(self, config):
        super().__init__()
        g = config['generator']
        stages = int(math.log2(config['resolution'] // 4))
        base = width(g['filters'], stages - 1)
        channels = config['imageChannels'] + config['numClasses']
        self.base = base
        self.project = maybe_sn(nn.Linear(config['latentSize'], 16 * base), g['spectralNorm'])
        self.base_post = nn.Sequential(norm_layer(g['normalization'], base), activation(g['activation']))
        blocks = []
        previous = base
        for depth in range(stages - 2, -1, -1):
            out = width(g['filters'], depth)
            blocks += [maybe_sn(nn.ConvTranspose2d(previous, out, 4, 2, 1), g['spectralNorm']), norm_layer(g['normalization'], out), activation(g['activation'])]
            previous = out
        blocks += [maybe_sn(nn.ConvTranspose2d(previous, channels, 4, 2, 1), g['spectralNorm']), nn.Tanh()]
        self.blocks = nn.Sequential(*blocks)

    def forward(self, z):
        x = self.project(z).view(-1, self.base, 4, 4)
        return self.blocks(self.base_post(x))


class Discriminator(nn.Module):
    def __init__(self, config):
        super().__init__()
        d = config['discriminator']
        stages = int(math.log2(config['resolution'] // 4))
        previous = config['imageChannels'] + config['numClasses']
        layers = []
        for depth in range(stages):
            out = width(d['filters'], depth)
            layers.append(maybe_sn(nn.Conv2d(previous, out, 4, 2, 1), d['spectralNorm']))
            if depth > 0:
                layers.append(norm_layer(d['normalization'], out))
            layers.append(activation(d['activation']))
            previous = out
        self.features = nn.Sequential(*layers, nn.Flatten())
        self.logit = maybe_sn(nn.Linear(16 * previous, 1), d['spectralNorm'])

    def forward(self, x):
        return self.logit(self.features(x))


def d_loss(gan, real_logits, fake_logits):
    if gan == 'dcgan':
        return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
    if gan == 'lsgan':
        return 0.5 * ((real_logits - 1) ** 2).mean() + 0.5 * (fake_logits ** 2).mean()
    if gan == 'hinge':
        return F.relu(1 - real_logits).mean() + F.relu(1 + fake_logits).mean()
    return fake_logits.mean() - real_logits.mean()


def g_loss(gan, fake_logits):
    if gan == 'dcgan':
        return F.softplus(-fake_logits).mean()
    if gan == 'lsgan':
        return 0.5 * ((fake_logits - 1) ** 2).mean()
    return -fake_logits.mean()


def gradient_penalty(critic, real, fake, weight):
    mix = torch.rand(real.shape[0], 1, 1, 1)
    x_hat = (mix * real + (1 - mix) * fake).requires_grad_(True)
    gradient, = torch.autograd.grad(critic(x_hat).sum(), x_hat, create_graph=True)
    norms = torch.sqrt(gradient.pow(2).sum(dim=(1, 2, 3)) + 1e-12)
    return weight * ((norms - 1) ** 2).mean()


def optimizer(config, parameters, learning_rate):
    o = config['optimizer']
    if o['kind'] == 'rmsprop':
        return torch.optim.RMSprop(parameters, lr=learning_rate, alpha=0.99, eps=1e-8)
    return torch.optim.Adam(parameters, lr=learning_rate, betas=(o['beta1'], o['beta2']), eps=1e-8)


def measure(case):
    config = case['config']
    gan = config['gan']
    torch.manual_seed(config['seed'])
    generator, critic = Generator(config), Discriminator(config)
    opt_g = optimizer(config, generator.parameters(), config['generator']['learningRate'])
    opt_d = optimizer(config, critic.parameters(), config['discriminator']['learningRate'])
    n, r = config['batchSize'], config['resolution']
    real = torch.rand(n, config['imageChannels'] + config['numClasses'], r, r) * 2 - 1

    def step():
        for _ in range(config['criticSteps']):
            with torch.no_grad():
                fake = generator(torch.randn(n, config['latentSize']))
            loss = d_loss(gan, critic(real), critic(fake))
            if gan == 'wgan-gp':
                loss = loss + gradient_penalty(critic, real, fake, config['gradientPenalty'])
            opt_d.zero_grad(set_to_none=True)
            loss.backward()
            opt_d.step()
            if config['weightClip'] > 0:
                with torch.no_grad():
                    for p in critic.parameters():
                        p.clamp_(-config['weightClip'], config['weightClip'])
        loss = g_loss(gan, critic(generator(torch.randn(n, config['latentSize']))))
        opt_g.zero_grad(set_to_none=True)
        loss.backward()
        opt_g.step()
        return loss.item()

    for _ in range(case['warmupSteps']):
        step()
    started = time.perf_counter()
    for _ in range(case['timedSteps']):
        step()
    seconds = (time.perf_counter() - started) / case['timedSteps']
    return {'gan': gan, 'resolution': r, 'secondsPerStep': seconds, 'imagesPerSecond': n * config['criticSteps'] / seconds}


def main():
    torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else 2)
    cases = json.loads(open(sys.argv[1]).read())
    print(json.dumps({'torch': torch.__version__, 'threads': torch.get_num_threads(), 'results': [measure(case) for case in cases]}))


if __name__ == '__main__':
    main()
