import { describe, expect, it } from 'vitest';

import { simplifyChannels } from './raster';

describe('simplifyChannels', () => {
  it('keeps colour RGB', () => {
    const result = simplifyChannels({ data: Uint8Array.of(1, 2, 3), channels: 3 });
    expect(result.channels).toBe(3);
  });

  it('reduces gray RGB', () => {
    const result = simplifyChannels({ data: Uint16Array.of(500, 500, 500, 7, 7, 7), channels: 3 });
    expect(result.channels).toBe(1);
    expect(result.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(result.data)).toEqual([500, 7]);
  });

  it('drops opaque 16-bit alpha', () => {
    const result = simplifyChannels({ data: Uint16Array.of(9, 65535, 10, 65535), channels: 2 });
    expect(result.channels).toBe(1);
    expect(Array.from(result.data)).toEqual([9, 10]);
  });

  it('gray RGBA with alpha keeps two channels', () => {
    const result = simplifyChannels({ data: Uint8Array.of(4, 4, 4, 0, 5, 5, 5, 255), channels: 4 });
    expect(result.channels).toBe(2);
    expect(Array.from(result.data)).toEqual([4, 0, 5, 255]);
  });

  it('keeps one channel', () => {
    const data = Uint8Array.of(1, 2);
    expect(simplifyChannels({ data, channels: 1 }).data).toBe(data);
  });
});
