/**
 * Seeded pseudo-random numbers, so that splits, latent vectors, batches and
 * augmentations are reproducible from a run's seed. The generator is sfc32
 * (Chris Doty-Humphrey's Small Fast Counter), whose whole state is four 32-bit
 * words: it goes into checkpoints so a resumed run continues the same stream.
 */

export type RandomState = [number, number, number, number];

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // Spread the seed over the four words, then discard the first outputs,
    // which still correlate with the seed.
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  static fromState(state: RandomState): Random {
    const random = new Random(0);
    [random.a, random.b, random.c, random.d] = state;
    return random;
  }

  getState(): RandomState {
    return [this.a, this.b, this.c, this.d];
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  integer(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /**
   * Standard normal by the Box-Muller transform. The second value of each pair
   * is dropped so that the four state words stay the whole state.
   */
  normal(): number {
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  fillNormal(target: Float32Array): Float32Array {
    for (let i = 0; i < target.length; i++) target[i] = this.normal();
    return target;
  }

  /** Fisher-Yates shuffle of a copy. */
  shuffled<T>(items: readonly T[]): T[] {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.integer(i + 1);
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }
}
